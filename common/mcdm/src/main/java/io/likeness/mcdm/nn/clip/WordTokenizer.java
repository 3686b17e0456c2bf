package io.likeness.mcdm.nn.clip;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic lower-case word-level tokenizer: words ({@code [a-z0-9']+}) and single punctuation marks are
 * tokens; sequences are {@code <start> tokens... <end> <pad>...} of exactly {@link #maxTokens()} ids, truncated
 * so that {@code <end>} is always present. Unknown words map to {@code <unk>}. Ids: 0 = {@code <pad>},
 * 1 = {@code <start>}, 2 = {@code <end>}, 3 = {@code <unk>}, then the vocabulary words in sorted order.
 */
public final class WordTokenizer {

    public static final String PAD = "<pad>";
    public static final String START = "<start>";
    public static final String END = "<end>";
    public static final String UNK = "<unk>";
    /** Words before which identity words are inserted (paper supplementary §1.1). */
    public static final Set<String> SUBJECT_WORDS = Set.of("man", "woman", "person");

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9']+|[^\\sa-z0-9']");

    private final List<String> vocabulary;
    private final Map<String, Integer> ids;
    private final int maxTokens;

    /** @param words vocabulary words (specials are added; duplicates and case are normalised) */
    public WordTokenizer(Collection<String> words, int maxTokens) {
        if (maxTokens < 3) {
            throw new IllegalArgumentException("maxTokens must leave room for <start>, one word and <end>");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String w : words) {
            for (String t : split(w)) {
                sorted.add(t);
            }
        }
        List<String> v = new ArrayList<>(List.of(PAD, START, END, UNK));
        sorted.removeAll(v);
        v.addAll(sorted);
        this.vocabulary = Collections.unmodifiableList(v);
        this.ids = new HashMap<>();
        for (int i = 0; i < v.size(); i++) {
            ids.put(v.get(i), i);
        }
        this.maxTokens = maxTokens;
    }

    /** Builds the vocabulary from every token of {@code corpus} (e.g. all prompts the studio can produce). */
    public static WordTokenizer fromCorpus(Collection<String> corpus, int maxTokens) {
        List<String> words = new ArrayList<>();
        for (String s : corpus) {
            words.addAll(split(s));
        }
        return new WordTokenizer(words, maxTokens);
    }

    /** Lower-cased tokens of {@code text}. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Token ids of one prompt, padded/truncated to {@link #maxTokens()}. */
    public long[] encode(String prompt) {
        long[] out = new long[maxTokens];
        out[0] = START_ID;
        List<String> words = split(prompt);
        int n = Math.min(words.size(), maxTokens - 2);
        for (int i = 0; i < n; i++) {
            out[i + 1] = ids.getOrDefault(words.get(i), (int) UNK_ID);
        }
        out[n + 1] = END_ID;
        return out;
    }

    public long[][] encode(List<String> prompts) {
        long[][] out = new long[prompts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(prompts.get(i));
        }
        return out;
    }

    /** Position of the first subject word in an encoded sequence, or −1. */
    public int subjectPosition(long[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == END_ID) {
                return -1;
            }
            if (tokens[i] > UNK_ID && SUBJECT_WORDS.contains(vocabulary.get((int) tokens[i]))) {
                return i;
            }
        }
        return -1;
    }

    /** Position of {@code <end>} in an encoded sequence. */
    public static int endPosition(long[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == END_ID) {
                return i;
            }
        }
        return tokens.length - 1;
    }

    public static final long PAD_ID = 0;
    public static final long START_ID = 1;
    public static final long END_ID = 2;
    public static final long UNK_ID = 3;

    public int maxTokens() {
        return maxTokens;
    }

    public int vocabularySize() {
        return vocabulary.size();
    }

    /** id → token (persist this list with a checkpoint to rebuild the same tokenizer). */
    public List<String> vocabulary() {
        return vocabulary;
    }

    public int id(String token) {
        return ids.getOrDefault(token.toLowerCase(Locale.ROOT), (int) UNK_ID);
    }

    /**
     * A default portrait-prompt vocabulary: the paper's prompt templates (pair generation: "the same [X] on the
     * left and right", "a [X], [Y]") with its costume and expression domains, plus common portrait attributes.
     * The studio's own prompt corpus should be passed to {@link #fromCorpus} when it is available.
     */
    public static List<String> defaultPortraitWords() {
        return List.of(
                "a", "an", "the", "same", "on", "left", "and", "right", "of", "with", "in", "at", "wearing",
                "photo", "portrait", "head", "shot", "face", "close", "up", "studio", "background",
                "man", "woman", "person", "boy", "girl", "young", "old", "adult",
                "normal", "costume", "neutral", "expression", "cute", "flower", "white", "sheep", "santa", "claus",
                "traditional", "golden", "palace", "royal", "crown", "angry", "shocked", "laughing", "crying",
                "smiling", "smile", "sad", "surprised", "happy", "calm", "serious",
                "hair", "short", "long", "curly", "straight", "bald", "beard", "moustache", "glasses", "hat",
                "earrings", "eyes", "skin", "light", "medium", "dark", "pale", "tan",
                "black", "brown", "blond", "blonde", "red", "grey", "gray", "blue", "green", "yellow", "orange",
                "pink", "purple", "gold", "silver",
                "shirt", "jacket", "dress", "suit", "sweater", "hoodie", "t", "collar", "tie",
                "round", "oval", "square", "narrow", "wide", "thin", "thick", "small", "large",
                "tilted", "looking", "front", "facing", "centered", "cartoon", "character", "3d", ",", ".");
    }
}
