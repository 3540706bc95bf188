package dev.contractgate.analysis;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The learned layer: per label a logistic regression over the hashed {@link Features}, and three thresholds per
 * label chosen on the dev set: one for a message where a rule of the label kept a span, one where every span of
 * the label was dropped by its context (a citation, a refusal, the job itself), one where no rule of the label hit
 * at all. Immutable after loading; thread-safe.
 *
 * A second stage per label reads the first stage's four probabilities and the rule flags, so that what the other
 * labels say counts (a direct-deal proposal that names a fee is labelled a direct deal, not a negotiation).
 *
 * <p>File ({@code label-model.bin}, gzip): {@code "CGM2"}, feature bits, label count, per label the three
 * thresholds and the second stage's weights, then the non-zero first-stage weights as (feature id, one float per
 * label).
 */
final class LabelModel {
    static final String FILE = "label-model.bin";
    private static final int MAGIC = 0x43474D32;
    /** Inputs of the second stage: each label's first-stage logit, whether its rules kept a span, dropped one; bias. */
    static final int STACK_INPUTS = 3 * Label.values().length + 1;
    static final int LABELS = Label.values().length;

    /** Per feature id, one weight per label, interleaved. */
    private final float[] weights;
    final float[] keptThreshold = new float[LABELS];
    final float[] droppedThreshold = new float[LABELS];
    final float[] aloneThreshold = new float[LABELS];
    /**
     * Per label, the weights of the second stage over {@link #stackInputs}: what the other labels say (a direct-deal
     * proposal that names a fee is not a negotiation of this job's terms). Identity when untrained.
     */
    final float[][] stack = new float[LABELS][STACK_INPUTS];

    LabelModel(float[] weights) {
        if (weights.length != Features.SIZE * LABELS) {
            throw new IllegalArgumentException("expected " + Features.SIZE * LABELS + " weights");
        }
        this.weights = weights;
        java.util.Arrays.fill(keptThreshold, 0.5f);
        java.util.Arrays.fill(droppedThreshold, 0.5f);
        java.util.Arrays.fill(aloneThreshold, 0.5f);
        for (int label = 0; label < LABELS; label++) {
            stack[label][label] = 1;
        }
    }

    /** The second stage's inputs for first-stage probabilities and what the rules found per label. */
    static double[] stackInputs(double[] probabilities, boolean[] kept, boolean[] dropped) {
        double[] inputs = new double[STACK_INPUTS];
        for (int label = 0; label < LABELS; label++) {
            double p = Math.min(1 - 1e-6, Math.max(1e-6, probabilities[label]));
            inputs[label] = Math.log(p / (1 - p));
            inputs[LABELS + label] = kept[label] ? 1 : 0;
            inputs[2 * LABELS + label] = dropped[label] ? 1 : 0;
        }
        inputs[STACK_INPUTS - 1] = 1;
        return inputs;
    }

    /** The final probability of each label: the second stage over the first. */
    double[] stacked(double[] probabilities, boolean[] kept, boolean[] dropped) {
        double[] inputs = stackInputs(probabilities, kept, dropped);
        double[] out = new double[LABELS];
        for (int label = 0; label < LABELS; label++) {
            double sum = 0;
            for (int i = 0; i < STACK_INPUTS; i++) {
                sum += stack[label][i] * inputs[i];
            }
            out[label] = 1 / (1 + Math.exp(-sum));
        }
        return out;
    }

    /** The first stage's probability of each label. */
    double[] probabilities(Features features) {
        return probabilities(features, null);
    }

    /**
     * The first stage's probability of each label; and into {@code alone}, when not null, the same for the message
     * read without its conversation (its features are a prefix of the others: one pass reads both).
     */
    double[] probabilities(Features features, double[] alone) {
        double[] sums = new double[LABELS];
        int count = features.count();
        int contextFrom = features.contextFrom() < 0 ? count : features.contextFrom();
        for (int i = 0; i < count; i++) {
            if (i == contextFrom && alone != null) {
                System.arraycopy(sums, 0, alone, 0, LABELS);
            }
            int base = features.id(i) * LABELS;
            float value = features.value(i);
            for (int label = 0; label < LABELS; label++) {
                sums[label] += weights[base + label] * value;
            }
        }
        if (alone != null && contextFrom == count) {
            System.arraycopy(sums, 0, alone, 0, LABELS);
        }
        logistic(sums);
        if (alone != null) {
            logistic(alone);
        }
        return sums;
    }

    private static void logistic(double[] sums) {
        for (int label = 0; label < LABELS; label++) {
            sums[label] = 1 / (1 + Math.exp(-sums[label]));
        }
    }

    /**
     * The conversation only adds a label: it explains a short answer but does not take away what the message itself
     * says (a direct-deal offer after a scam pitch is still one). Each label's probability becomes the larger of the
     * two readings.
     */
    static void onlyAdd(double[] inContext, double[] alone) {
        for (int label = 0; label < inContext.length; label++) {
            inContext[label] = Math.max(inContext[label], alone[label]);
        }
    }

    /** The threshold for a label, given what its rules found: a kept span, only dropped spans, or nothing. */
    float threshold(int label, boolean kept, boolean dropped) {
        return kept ? keptThreshold[label] : dropped ? droppedThreshold[label] : aloneThreshold[label];
    }

    static LabelModel read(InputStream in) throws IOException {
        java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(new GZIPInputStream(in, 1 << 16).readAllBytes());
        try {
            if (data.getInt() != MAGIC) {
                throw new IOException("not a ContractGate label model (or one of another version)");
            }
            int bits = data.getInt();
            int labels = data.getInt();
            if (bits != Features.BITS || labels != LABELS) {
                throw new IOException("a model for " + labels + " labels over 2^" + bits + " features; this version reads "
                        + LABELS + " over 2^" + Features.BITS);
            }
            float[] weights = new float[Features.SIZE * LABELS];
            LabelModel model = new LabelModel(weights);
            for (int label = 0; label < LABELS; label++) {
                model.keptThreshold[label] = data.getFloat();
                model.droppedThreshold[label] = data.getFloat();
                model.aloneThreshold[label] = data.getFloat();
                for (int i = 0; i < STACK_INPUTS; i++) {
                    model.stack[label][i] = data.getFloat();
                }
            }
            int entries = data.getInt();
            for (int e = 0; e < entries; e++) {
                int id = data.getInt();
                if (id < 0 || id >= Features.SIZE) {
                    throw new IOException("feature id " + id + " out of range");
                }
                for (int label = 0; label < LABELS; label++) {
                    weights[id * LABELS + label] = data.getFloat();
                }
            }
            return model;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("the file ends too early");
        }
    }

    void write(OutputStream out) throws IOException {
        GZIPOutputStream zip = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream data = new DataOutputStream(zip);
        data.writeInt(MAGIC);
        data.writeInt(Features.BITS);
        data.writeInt(LABELS);
        for (int label = 0; label < LABELS; label++) {
            data.writeFloat(keptThreshold[label]);
            data.writeFloat(droppedThreshold[label]);
            data.writeFloat(aloneThreshold[label]);
            for (int i = 0; i < STACK_INPUTS; i++) {
                data.writeFloat(stack[label][i]);
            }
        }
        int entries = 0;
        for (int id = 0; id < Features.SIZE; id++) {
            entries += nonZero(id) ? 1 : 0;
        }
        data.writeInt(entries);
        for (int id = 0; id < Features.SIZE; id++) {
            if (nonZero(id)) {
                data.writeInt(id);
                for (int label = 0; label < LABELS; label++) {
                    data.writeFloat(weights[id * LABELS + label]);
                }
            }
        }
        data.flush();
        zip.finish();
    }

    private boolean nonZero(int id) {
        for (int label = 0; label < LABELS; label++) {
            if (weights[id * LABELS + label] != 0) {
                return true;
            }
        }
        return false;
    }
}
