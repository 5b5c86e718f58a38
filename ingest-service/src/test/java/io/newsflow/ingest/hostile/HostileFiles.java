package io.newsflow.ingest.hostile;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Generates hostile entries in the watched directory, each of which must end {@code failed} (as the README's directory
 * status documents) without one article being published. Where following the entry would publish something — a link
 * to a valid article outside the folder, a valid article one byte over the size limit — the content is made valid
 * on purpose, so a missing check shows as a published record.
 */
final class HostileFiles {

    /** One entry's file name in the watched directory. */
    record FileCase(String category, String description, String file) {
    }

    private static final String[] EXTENSIONS = {".txt", ".json", ".html", ".htm"};

    private final Path watched;
    private final Path outside;
    private final long maxFileSize;
    private final Random random;
    private final List<FileCase> cases = new ArrayList<>();
    private int counter;

    HostileFiles(Path watched, Path outside, long maxFileSize, long seed) {
        this.watched = watched;
        this.outside = outside;
        this.maxFileSize = maxFileSize;
        this.random = new Random(seed * 31 + 200);
    }

    List<FileCase> generate() throws IOException, InterruptedException {
        binary(40);
        empty(20);
        huge(12);
        notUtf8(40);
        invalidJson(30);
        symlinks(30);
        specialFiles(5);
        return List.copyOf(cases);
    }

    /** Distinct names, some with spaces, non-ASCII letters or a leading dash, as a dropped file may have. */
    private String name(String extension) {
        String[] styles = {"h%d", "h %d article", "h%d-été-Минск", "-h%d", "h%d.backup", "H%d_UPPER"};
        return String.format(styles[random.nextInt(styles.length)], counter++) + extension;
    }

    private String extension() {
        return EXTENSIONS[random.nextInt(EXTENSIONS.length)];
    }

    private void write(String category, String description, String name, byte[] content) throws IOException {
        Files.write(watched.resolve(name), content);
        cases.add(new FileCase(category, description, name));
    }

    /** A valid seed: what would be published if the entry were read. */
    private String seedText() {
        return "Headline " + Long.toHexString(random.nextLong()) + "\n\n" + HostileRequests.words(random, 30) + ".\n\nSource : "
                + HostileRequests.words(random, 1) + "\n";
    }

    private void binary(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            byte[] content = new byte[1 + random.nextInt(50_000)];
            random.nextBytes(content);
            if (i % 2 == 0) {
                byte[] text = seedText().getBytes(StandardCharsets.UTF_8);
                System.arraycopy(text, 0, content, 0, Math.min(text.length, content.length));
            }
            content[random.nextInt(Math.min(content.length, 8192))] = 0;
            write("file: binary", content.length + " bytes", name(extension()), content);
        }
    }

    private void empty(int count) throws IOException {
        String[] blanks = {"", " ", "\n\n\n", "\r\n \t \r\n", "\uFEFF", "\uFEFF\n  \n", "\u00A0\u2003\n"};
        for (int i = 0; i < count; i++) {
            String blank = blanks[i % blanks.length];
            write("file: empty", "'" + blank.replace("\n", "\\n").replace("\r", "\\r") + "'", name(extension()),
                    blank.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void huge(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String name = name(i % 2 == 0 ? ".txt" : ".json");
            if (i % 3 == 0) {
                // Sparse: gigabytes on paper, nothing on disk; refused from its size alone.
                long size = (1L + random.nextInt(64)) << 30;
                try (RandomAccessFile file = new RandomAccessFile(watched.resolve(name).toFile(), "rw")) {
                    file.setLength(size);
                }
                cases.add(new FileCase("file: huge", size + " bytes (sparse)", name));
            } else {
                StringBuilder text = new StringBuilder(seedText());
                long target = maxFileSize + 1 + random.nextInt(200_000);
                while (text.length() < target) {
                    text.append(HostileRequests.words(random, 12)).append(".\n\n");
                }
                String content = name.endsWith(".json")
                        ? HostileRequests.json(Map.of("title", "Big", "body", text.toString())) : text.toString();
                write("file: huge", content.length() + " bytes of valid text", name, content.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void notUtf8(int count) throws IOException {
        String[] charsets = {"ISO-8859-1", "windows-1252", "Shift_JIS", "UTF-16LE", "UTF-16BE", "ISO-8859-5"};
        String[] texts = {"Élection à Zürich: déjà vu\n\nLe président a parlé été comme hiver.",
            "Élection — “quoted” – déjà\n\nTexte où l'été s'éternise.", "東京で選挙\n\n本文です。",
            "Élection\n\nDéjà.", "Élection\n\nDéjà.", "Выборы в Минске\n\nПрезидент выступил."};
        for (int i = 0; i < count; i++) {
            int which = i % charsets.length;
            boolean json = i % 2 == 1;
            String text = json ? HostileRequests.json(Map.of("title", texts[which].split("\n")[0], "body", texts[which]))
                    : texts[which];
            byte[] content = text.getBytes(Charset.forName(charsets[which]));
            write("file: not UTF-8", charsets[which], name(json ? ".json" : ".txt"), content);
        }
    }

    private void invalidJson(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String body = switch (i % 6) {
                case 0 -> HostileRequests.json(HostileRequests.article(random)).substring(0, 5 + random.nextInt(20));
                case 1 -> "{\"title\": " + random.nextInt() + "}";
                case 2 -> "[" + "[".repeat(1001 + random.nextInt(20_000)) + "]".repeat(1001) + "]";
                case 3 -> "[]";
                case 4 -> "{\"title\": \"ok\", \"publishedAt\": \"yesterday\"}";
                default -> "[{\"title\": \"fine\"}, {\"url\": \"ftp://x\"}]";
            };
            write("file: invalid JSON", "form " + (i % 6), name(".json"), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void symlinks(int count) throws IOException {
        Path validOutside = outside.resolve("valid-seed.txt");
        Files.writeString(validOutside, seedText());
        Path validJsonOutside = outside.resolve("valid.json");
        Files.writeString(validJsonOutside, "{\"title\": \"Outside " + Long.toHexString(random.nextLong()) + "\"}");
        Path outsideDir = Files.createDirectories(outside.resolve("folder"));
        for (int i = 0; i < count; i++) {
            String name = name(i % 3 == 0 ? ".json" : ".txt");
            Path link = watched.resolve(name);
            String description;
            switch (i % 10) {
                case 0 -> {
                    Files.createSymbolicLink(link, validJsonOutside);
                    description = "a link to a valid article outside the folder";
                }
                case 1 -> {
                    Files.createSymbolicLink(link, Path.of("/etc/passwd"));
                    description = "a link to /etc/passwd";
                }
                case 2 -> {
                    Files.createSymbolicLink(link, Path.of("/proc/self/environ"));
                    description = "a link to /proc/self/environ";
                }
                case 3 -> {
                    Files.createSymbolicLink(link, Path.of(i % 2 == 0 ? "/dev/zero" : "/dev/urandom"));
                    description = "a link to an endless device";
                }
                case 4 -> {
                    Files.createSymbolicLink(link, link.getFileName());
                    description = "a link to itself";
                }
                case 5 -> {
                    Path other = watched.resolve(name(".txt.loop"));
                    Files.createSymbolicLink(link, other.getFileName());
                    Files.createSymbolicLink(other, link.getFileName());
                    description = "a loop of two links";
                }
                case 6 -> {
                    Files.createSymbolicLink(link, Path.of("/nonexistent/" + Long.toHexString(random.nextLong()) + ".txt"));
                    description = "a dangling link";
                }
                case 7 -> {
                    Files.createSymbolicLink(link, watched.relativize(validOutside));
                    description = "a relative link climbing out of the folder";
                }
                case 8 -> {
                    Files.createSymbolicLink(link, i % 2 == 0 ? outsideDir : Path.of("/etc"));
                    description = "a link to a directory outside";
                }
                default -> {
                    Files.createSymbolicLink(link, Path.of("/etc/hostname"));
                    description = "a link to /etc/hostname";
                }
            }
            cases.add(new FileCase("file: symbolic links", description, name));
        }
    }

    private void specialFiles(int count) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            String name = name(i % 2 == 0 ? ".txt" : ".json");
            Process mkfifo = new ProcessBuilder("mkfifo", watched.resolve(name).toString()).start();
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                return;
            }
            cases.add(new FileCase("file: FIFOs", "a named pipe nobody writes to", name));
        }
    }
}
