package io.newsflow.devstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time and peak resident memory of a process, from Linux's {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/status}. Empty where {@code /proc} cannot tell (another OS, a process that is gone).
 *
 * @param cpuSeconds  user + system CPU time the process has used so far
 * @param peakRssKiB  the high-water mark of its resident set ({@code VmHWM})
 */
public record ProcessUsage(double cpuSeconds, long peakRssKiB) {

    /** Linux has reported CPU times in units of 1/100 s (USER_HZ) to user space on every architecture for decades. */
    static final int USER_HZ = 100;

    public static Optional<ProcessUsage> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            return Optional.of(parse(Files.readString(proc.resolve("stat")), Files.readString(proc.resolve("status"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes the process's peak resident set start again from its current size (Linux 4.0+), so that a later
     * {@link #peakRssKiB()} covers only what came after. False when the kernel refuses.
     */
    public static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static ProcessUsage parse(String stat, String status) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long peak = status.lines().filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no VmHWM in the status"));
        return new ProcessUsage(ticks / (double) USER_HZ, peak);
    }
}
