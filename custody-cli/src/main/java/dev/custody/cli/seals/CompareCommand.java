package dev.custody.cli.seals;

import dev.custody.seals.Comparison;
import dev.custody.seals.Region;
import dev.custody.seals.SealComparator;
import dev.custody.seals.photo.Photo;
import dev.custody.seals.photo.PhotoInBackground;
import dev.custody.seals.photo.PhotoReader;
import dev.custody.seals.report.HtmlReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two photos of a seal directly, without the enrolled store.",
            "REF is trusted as given: to check against a signed reference, use seals check.",
            "Exit status: 0 intact, 3 tampered, 4 cannot verify, 1 bad input."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF", description = "The reference photo (JPEG or PNG).") Path reference;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new photo of the same seal.") Path photo;

    @Option(names = "--roi", paramLabel = "x,y,w,h", description = "The part of REF that shows the seal, in pixels (default: found automatically).")
    String roi;

    @Mixin ComparisonOutput output;

    @Override
    public Integer call() {
        Inputs in = Progress.reading("the photos", this::read);
        Comparison comparison = Progress.comparing(progress -> SealComparator.compare(in.reference().image(), in.region(),
                in.photo().image(), progress));
        return output.show(comparison, new HtmlReport.Subject(reference.toString(), photo.toString(), in.photo().image(),
                Instant.now()), Map.of(), List.of());
    }

    private record Inputs(Photo reference, Optional<Region> region, Photo photo) {}

    /** Both photos decoded at once; a bad reference or region is reported before the new photo. */
    private Inputs read() {
        PhotoInBackground later = PhotoInBackground.read(photo);
        Photo ref = PhotoReader.read(reference);
        Optional<Region> region = Optional.ofNullable(roi).map(Region::parse).map(ref::requireInside);
        return new Inputs(ref, region, later.get());
    }
}
