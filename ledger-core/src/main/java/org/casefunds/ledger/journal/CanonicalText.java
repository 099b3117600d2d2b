package org.casefunds.ledger.journal;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/** The canonical text as lines: a writer that builds it path by path, and a reader that consumes its lines in order, each at the path it must have. */
final class CanonicalText {
    private CanonicalText() {
    }

    // ---------------------------------------------------------------- writing

    /** The path of the value being written or read: entered by name or index, left back to a mark. */
    abstract static class Walk {
        final StringBuilder path = new StringBuilder(64);

        int enter(String name) {
            int mark = path.length();
            path.append(name);
            return mark;
        }

        int enter(int index) {
            int mark = path.length();
            path.append('.').append(index);
            return mark;
        }

        void leave(int mark) {
            path.setLength(mark);
        }
    }

    /** The text being written and the path of the value being written. */
    static final class Writer extends Walk {
        final StringBuilder out = new StringBuilder(1024);

        /** Writes {@code path + suffix = value}, escaping the value. */
        void line(String suffix, String value) {
            out.append(path).append(suffix).append('=');
            int length = value.length();
            int plain = 0;
            while (plain < length && needsNoEscape(value.charAt(plain))) {
                plain++;
            }
            if (plain == length) {
                // Most values need no escape: copied whole rather than character by character.
                out.append(value).append('\n');
                return;
            }
            out.append(value, 0, plain);
            for (int i = plain; i < length; i++) {
                char c = value.charAt(i);
                if (needsNoEscape(c)) {
                    out.append(c);
                } else if (c == '\\') {
                    out.append("\\\\");
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
            out.append('\n');
        }

        private static boolean needsNoEscape(char c) {
            return c >= 0x20 && c != '\\' && c != 0x7f;
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * The lines of an encoded text, consumed in order: each read names the path it expects, built
     * up as the plan descends, and the next line must have exactly that path.
     */
    static final class Reader extends Walk {
        private final String text;
        private final int[] pathStart;
        private final int[] equals;
        private final int[] lineEnd;
        private final int count;
        private int next;

        private Reader(String text, int[] pathStart, int[] equals, int[] lineEnd, int count) {
            this.text = text;
            this.pathStart = pathStart;
            this.equals = equals;
            this.lineEnd = lineEnd;
            this.count = count;
        }

        static Reader parse(String text, String header) {
            if (!text.startsWith(header) || text.length() <= header.length()
                    || text.charAt(header.length()) != '\n') {
                throw new IllegalArgumentException("the text does not start with '" + header + "'");
            }
            if (!text.endsWith("\n")) {
                throw new IllegalArgumentException("the last line does not end with a line feed");
            }
            int capacity = 32;
            int[] starts = new int[capacity];
            int[] equalsAt = new int[capacity];
            int[] ends = new int[capacity];
            int count = 0;
            int position = header.length() + 1;
            while (position < text.length()) {
                int end = text.indexOf('\n', position);
                int equal = text.indexOf('=', position);
                if (equal < 0 || equal >= end || equal == position) {
                    throw new IllegalArgumentException("line " + (count + 2) + " has no 'path=value'");
                }
                if (count == capacity) {
                    capacity *= 2;
                    starts = Arrays.copyOf(starts, capacity);
                    equalsAt = Arrays.copyOf(equalsAt, capacity);
                    ends = Arrays.copyOf(ends, capacity);
                }
                starts[count] = position;
                equalsAt[count] = equal;
                ends[count] = end;
                count++;
                position = end + 1;
            }
            return new Reader(text, starts, equalsAt, ends, count);
        }

        String path() {
            return path.toString();
        }

        /** Whether the next line's path is {@code path + suffix}. */
        private boolean nextIs(String suffix) {
            if (next >= count) {
                return false;
            }
            int start = pathStart[next];
            int length = equals[next] - start;
            if (length != path.length() + suffix.length()) {
                return false;
            }
            for (int i = 0; i < path.length(); i++) {
                if (text.charAt(start + i) != path.charAt(i)) {
                    return false;
                }
            }
            return text.startsWith(suffix, start + path.length());
        }

        /** Whether an optional value is present: its own line, or lines under its path. */
        boolean presentAtPath() {
            if (next >= count) {
                return false;
            }
            int start = pathStart[next];
            int length = equals[next] - start;
            if (length < path.length()) {
                return false;
            }
            for (int i = 0; i < path.length(); i++) {
                if (text.charAt(start + i) != path.charAt(i)) {
                    return false;
                }
            }
            return length == path.length() || text.charAt(start + path.length()) == '.';
        }

        /** The value of the next line, whose path must be {@code path + suffix}. */
        String take(String suffix) {
            if (!nextIs(suffix)) {
                String found = next < count ? "'" + text.substring(pathStart[next], equals[next]) + "'" : "the end";
                throw new IllegalArgumentException("expected " + path + suffix + " but found " + found);
            }
            String value = unescape(text.substring(equals[next] + 1, lineEnd[next]), next + 2);
            next++;
            return value;
        }

        int size() {
            String value = take(".size");
            try {
                int size = Integer.parseInt(value);
                if (size < 0 || size > 1_000_000) {
                    throw new NumberFormatException();
                }
                return size;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(path + ".size: '" + value + "' is not a size", e);
            }
        }

        SortedMap<String, String> takeEntries(int size) {
            SortedMap<String, String> taken = new TreeMap<>();
            int prefix = path.length() + 1;
            for (int i = 0; i < size; i++) {
                if (next >= count || equals[next] - pathStart[next] <= prefix
                        || !text.startsWith(path + ".", pathStart[next])) {
                    throw new IllegalArgumentException("expected " + size + " entries under " + path
                            + ". but found " + i);
                }
                String key = text.substring(pathStart[next] + prefix, equals[next]);
                taken.put(key, unescape(text.substring(equals[next] + 1, lineEnd[next]), next + 2));
                next++;
            }
            return taken;
        }

        void requireAllUsed() {
            if (next != count) {
                throw new IllegalArgumentException("unexpected line '" + text.substring(pathStart[next],
                        lineEnd[next]) + "'");
            }
        }

        private static String unescape(String value, int lineNumber) {
            if (value.indexOf('\\') < 0) {
                return value;
            }
            StringBuilder out = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (i + 1 >= value.length()) {
                    throw new IllegalArgumentException("line " + lineNumber + " ends in a lone backslash");
                }
                char escaped = value.charAt(++i);
                if (escaped == '\\') {
                    out.append('\\');
                } else if (escaped == 'n') {
                    out.append('\n');
                } else if (escaped == 'r') {
                    out.append('\r');
                } else if (escaped == 'u' && i + 4 < value.length()) {
                    out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    throw new IllegalArgumentException("line " + lineNumber + " has a bad escape \\" + escaped);
                }
            }
            return out.toString();
        }
    }
}
