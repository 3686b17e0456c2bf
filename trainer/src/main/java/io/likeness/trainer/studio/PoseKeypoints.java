package io.likeness.trainer.studio;

import java.util.List;

/**
 * OpenPose body keypoints in the COCO-18 order, in pixels. "Right" is the person's right (image left for a
 * frontal portrait). Knees and ankles are never in a portrait; elbows, wrists and hips usually fall off the canvas
 * and are then not visible.
 */
public record PoseKeypoints(double[] x, double[] y, boolean[] visible) {

    public static final int NOSE = 0;
    public static final int NECK = 1;
    public static final int R_SHOULDER = 2;
    public static final int R_ELBOW = 3;
    public static final int R_WRIST = 4;
    public static final int L_SHOULDER = 5;
    public static final int L_ELBOW = 6;
    public static final int L_WRIST = 7;
    public static final int R_HIP = 8;
    public static final int R_KNEE = 9;
    public static final int R_ANKLE = 10;
    public static final int L_HIP = 11;
    public static final int L_KNEE = 12;
    public static final int L_ANKLE = 13;
    public static final int R_EYE = 14;
    public static final int L_EYE = 15;
    public static final int R_EAR = 16;
    public static final int L_EAR = 17;
    public static final int COUNT = 18;

    public static final List<String> NAMES = List.of("nose", "neck", "right_shoulder", "right_elbow", "right_wrist",
            "left_shoulder", "left_elbow", "left_wrist", "right_hip", "right_knee", "right_ankle", "left_hip",
            "left_knee", "left_ankle", "right_eye", "left_eye", "right_ear", "left_ear");
}
