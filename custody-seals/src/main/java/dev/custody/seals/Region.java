package dev.custody.seals;

/** An axis-aligned box in the new photo's pixel coordinates. */
public record Region(int x, int y, int w, int h) {
    public Region {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("a region needs a positive width and height, not " + w + "x" + h);
        }
    }

    /** Parses the {@code x,y,w,h} form used by {@code --roi}. */
    public static Region parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not a region; write x,y,w,h in pixels");
        }
        try {
            return new Region(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
                    Integer.parseInt(parts[2].strip()), Integer.parseInt(parts[3].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a region; write x,y,w,h in pixels");
        }
    }
}
