package dev.contractgate.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints rows as left-aligned columns separated by two spaces; the first row is the header. Kanji, kana and other
 * full-width characters take two columns on a terminal, and are counted so.
 */
final class Table {
    private Table() {
    }

    static void print(PrintWriter out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - width(row[i]) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static int width(String text) {
        return text.codePoints().map(codePoint -> wide(codePoint) ? 2 : 1).sum();
    }

    private static boolean wide(int codePoint) {
        if (codePoint >= 0xFF61 && codePoint <= 0xFFDC) {
            return false; // half-width katakana and hangul
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (codePoint >= 0xFF01 && codePoint <= 0xFF60) || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6)
                || (codePoint >= 0x3000 && codePoint <= 0x303F);
    }
}
