package dev.custody.ownership.handoff;

import dev.custody.ownership.shamir.Share;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Shares as the owner has them: share-N.txt files (comment lines start with #), or typed into any text file. */
public final class ShareFiles {
    private ShareFiles() {}

    public static List<Share> read(List<Path> files) {
        List<Share> shares = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException("no such share file: " + file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the share file " + file + ": " + e.getMessage());
            }
            String text = new String(bytes, StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.strip().startsWith("#")).collect(Collectors.joining());
            Arrays.fill(bytes, (byte) 0);
            try {
                shares.add(Share.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage());
            }
        }
        return shares;
    }
}
