package dev.custody.seals;

import java.time.Duration;

/** How long one stage of a comparison took (decoding, features, alignment, comparison...). */
public record StageTime(String stage, Duration took) {}
