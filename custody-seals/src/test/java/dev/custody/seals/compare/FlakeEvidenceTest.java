package dev.custody.seals.compare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A scratch tears out the flakes of a few cells; the doubtful group around it also takes in cells
 * of honest sparkle, which dilute its share of unmatched flakes below the bar (issue 18, eleventh
 * round: round scratch #74 and strip moved patch #67 of seed 101).
 */
class FlakeEvidenceTest {
    private static final int SIDE = 200;
    private static final int CELL = 10;
    private static final int COLUMNS = SIDE / CELL;
    /** Flakes on a 5 px grid: four to a cell. */
    private static final int PITCH = 5;

    /** 40 doubtful cells, rows 4–7 and columns 4–13. */
    private static final int[] GROUP = IntStream.range(0, COLUMNS * COLUMNS)
            .filter(c -> c / COLUMNS >= 4 && c / COLUMNS <= 7 && c % COLUMNS >= 4 && c % COLUMNS <= 13).toArray();
    /** Three of them, along row 5, much less alike than the rest. */
    private static final IntPredicate MOST_DOUBTFUL = c -> c / COLUMNS == 5 && c % COLUMNS >= 6 && c % COLUMNS <= 8;

    @Test
    void flakesTornOutOfTheMostDoubtfulCellsConfirmTheGroup() {
        assertTrue(evidence(MostDoubtfulCells.TORN_OUT).confirms(new ChangeEvidence.Group(GROUP, 4)));
    }

    @Test
    void honestSparkleInTheMostDoubtfulCellsDoesNot() {
        assertFalse(evidence(MostDoubtfulCells.SPARKLING).confirms(new ChangeEvidence.Group(GROUP, 4)));
    }

    /** Flakes gone dull there but keeping their colour are still there: sparkle is not change. */
    @Test
    void flakesUnlitButKeepingTheirColourDoNot() {
        assertFalse(evidence(MostDoubtfulCells.UNLIT).confirms(new ChangeEvidence.Group(GROUP, 4)));
    }

    /** Every flake of a few cells gone is a change on its own, whatever structure those cells keep. */
    @Test
    void flakesAllTornOutOfAFewCellsAreOverwhelming() {
        int[] mostDoubtful = IntStream.of(GROUP).filter(MOST_DOUBTFUL).toArray();

        assertTrue(evidence(MostDoubtfulCells.TORN_OUT).overwhelming(new ChangeEvidence.Group(mostDoubtful, 0.1)));
        assertFalse(evidence(MostDoubtfulCells.SPARKLING).overwhelming(new ChangeEvidence.Group(mostDoubtful, 0.1)));
        assertFalse(evidence(MostDoubtfulCells.UNLIT).overwhelming(new ChangeEvidence.Group(mostDoubtful, 0.1)));
    }

    /**
     * A patch removed where the glitter is dull: the reference shows only a few of its flakes, and
     * the photo none of them. Under six flakes a group wide enough to hold more was never confirmed.
     */
    @Test
    void aFewFlakesAllGoneFromADullPatchConfirmIt() {
        assertTrue(dullPatch(5, 0).confirms(new ChangeEvidence.Group(PATCH, 4)));
        assertTrue(dullPatch(4, 0).confirms(new ChangeEvidence.Group(PATCH, 4)));
    }

    /** One of them still there, or three flakes only (a screw head's few glints), is not enough. */
    @Test
    void aFewFlakesNotAllGoneOrTooFewDoNot() {
        assertFalse(dullPatch(4, 1).confirms(new ChangeEvidence.Group(PATCH, 4)));
        assertFalse(dullPatch(3, 0).confirms(new ChangeEvidence.Group(PATCH, 4)));
    }

    /** A 3×3-cell patch, rows and columns 10–12. */
    private static final int[] PATCH = IntStream.range(0, COLUMNS * COLUMNS)
            .filter(c -> c / COLUMNS >= 10 && c / COLUMNS <= 12 && c % COLUMNS >= 10 && c % COLUMNS <= 12).toArray();

    /**
     * Flakes lit in both photos everywhere but in {@link #PATCH}, where the reference shows only
     * {@code shown} of them (the rest dull) and the photo the first {@code kept} of those.
     */
    private static FlakeEvidence dullPatch(int shown, int kept) {
        Gray reference = new Gray(SIDE, SIDE);
        Gray photo = new Gray(SIDE, SIDE);
        Gray[] noColour = {new Gray(SIDE, SIDE), new Gray(SIDE, SIDE)};
        int inPatch = 0;
        for (int y = 2; y < SIDE; y += PITCH) {
            for (int x = 2; x < SIDE; x += PITCH) {
                int cell = y / CELL * COLUMNS + x / CELL;
                boolean patch = IntStream.of(PATCH).anyMatch(c -> c == cell);
                int k = patch ? inPatch++ : -1;
                reference.data()[y * SIDE + x] = !patch || k < shown ? 100 : 0;
                photo.data()[y * SIDE + x] = !patch || k < kept ? 100 : 0;
            }
        }
        float[] similarity = new float[COLUMNS * COLUMNS];
        Arrays.fill(similarity, 0.9f);
        for (int c : PATCH) {
            similarity[c] = 0.3f;
        }
        return compared(reference, photo, similarity, noColour, noColour);
    }

    /** What the photo shows in the most doubtful cells. */
    private enum MostDoubtfulCells { TORN_OUT, SPARKLING, UNLIT }

    /**
     * One flake in seven is dull in the photo everywhere (colour kept); torn out, all of the most
     * doubtful cells' flakes are gone, colour too; unlit, they are dull there but keep their colour.
     */
    private static FlakeEvidence evidence(MostDoubtfulCells mostDoubtful) {
        Gray reference = new Gray(SIDE, SIDE);
        Gray photo = new Gray(SIDE, SIDE);
        Gray[] referenceColour = {new Gray(SIDE, SIDE), new Gray(SIDE, SIDE)};
        Gray[] photoColour = {new Gray(SIDE, SIDE), new Gray(SIDE, SIDE)};
        int k = 0;
        for (int y = 2; y < SIDE; y += PITCH) {
            for (int x = 2; x < SIDE; x += PITCH) {
                reference.data()[y * SIDE + x] = 100;
                referenceColour[0].data()[y * SIDE + x] = 40;
                referenceColour[1].data()[y * SIDE + x] = -20;
                boolean there = !(mostDoubtful == MostDoubtfulCells.TORN_OUT && MOST_DOUBTFUL.test(y / CELL * COLUMNS + x / CELL));
                boolean lit = k++ % 7 != 0 && there
                        && !(mostDoubtful == MostDoubtfulCells.UNLIT && MOST_DOUBTFUL.test(y / CELL * COLUMNS + x / CELL));
                photo.data()[y * SIDE + x] = lit ? 100 : 0;
                photoColour[0].data()[y * SIDE + x] = there ? 30 : 0;
                photoColour[1].data()[y * SIDE + x] = there ? -15 : 0;
            }
        }
        float[] similarity = new float[COLUMNS * COLUMNS];
        Arrays.fill(similarity, 0.9f);
        for (int c : GROUP) {
            similarity[c] = MOST_DOUBTFUL.test(c) ? 0.3f : 0.6f;
        }
        return compared(reference, photo, similarity, referenceColour, photoColour);
    }

    /** The whole square compared, every cell on the seal. */
    private static FlakeEvidence compared(Gray reference, Gray photo, float[] similarity, Gray[] referenceColour,
                                          Gray[] photoColour) {
        boolean[] inside = new boolean[SIDE * SIDE];
        Arrays.fill(inside, true);
        boolean[] core = new boolean[similarity.length];
        Arrays.fill(core, true);
        return FlakeEvidence.of(reference, photo, inside, new CellMap(COLUMNS, COLUMNS, CELL, similarity), core, 2.5,
                new FlakeColour(referenceColour, photoColour, inside));
    }
}
