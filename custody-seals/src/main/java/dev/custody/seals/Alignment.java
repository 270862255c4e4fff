package dev.custody.seals;

/** How well the reference was aligned onto the new photo: RANSAC inliers and their residual. */
public record Alignment(int inliers, double rmsError) {}
