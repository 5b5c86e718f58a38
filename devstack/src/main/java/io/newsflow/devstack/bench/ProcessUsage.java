package io.newsflow.devstack.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time and peak resident memory of a process, from Linux's {@code /proc/<pid>/stat}, {@code /proc/<pid>/status}
 * and its threads' {@code /proc/<pid>/task/<tid>/stat}. Empty where {@code /proc} cannot tell (another OS, a process
 * that is gone).
 *
 * @param cpuSeconds    user + system CPU time the process has used so far
 * @param jitCpuSeconds the part of it the JIT compiler threads used: a JVM's start-up cost, which fades once its
 *                      code is compiled, so it is set apart from the work itself
 * @param peakRssKiB    the high-water mark of its resident set ({@code VmHWM})
 */
public record ProcessUsage(double cpuSeconds, double jitCpuSeconds, long peakRssKiB) {

    /** Linux has reported CPU times in units of 1/100 s (USER_HZ) to user space on every architecture for decades. */
    static final int USER_HZ = 100;
    /** HotSpot's compiler threads ("C1 CompilerThread0", "C2 CompilerThread1"), cut to 15 characters. */
    private static final String COMPILER_THREAD = "CompilerThre";

    public static Optional<ProcessUsage> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            ProcessUsage usage = parse(Files.readString(proc.resolve("stat")),
                    Files.readString(proc.resolve("status")));
            return Optional.of(new ProcessUsage(usage.cpuSeconds(), compilerTicks(proc) / (double) USER_HZ,
                    usage.peakRssKiB()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What the process used from {@code before} to this measurement; the peak stays this one's. */
    public ProcessUsage since(ProcessUsage before) {
        return new ProcessUsage(cpuSeconds - before.cpuSeconds, Math.max(0, jitCpuSeconds - before.jitCpuSeconds),
                peakRssKiB);
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
        long peak = status.lines().filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no VmHWM in the status"));
        return new ProcessUsage(ticks(stat) / (double) USER_HZ, 0, peak);
    }

    /**
     * Sums the live compiler threads only: HotSpot ends extra ones once they idle (UseDynamicNumberOfCompilerThreads)
     * and their time leaves with them, so this can fall short of the JIT's whole cost, never exceed it.
     */
    private static long compilerTicks(Path proc) throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                if (commandName(stat).contains(COMPILER_THREAD)) {
                    ticks += ticks(stat);
                }
            }
        }
        return ticks;
    }

    static String commandName(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** utime + stime of a {@code stat} line, in USER_HZ ticks. */
    static long ticks(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
