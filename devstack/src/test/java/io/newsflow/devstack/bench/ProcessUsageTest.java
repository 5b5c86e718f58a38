package io.newsflow.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessUsageTest {

    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t 4316472 kB
            VmHWM:\t  523412 kB
            VmRSS:\t  498100 kB
            """;

    @Test
    void cpuTimeIsUserPlusSystemTicksEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 567 3 4 20 0 40 0 99 "
                + "7000000000 130000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";

        ProcessUsage usage = ProcessUsage.parse(stat, STATUS);

        assertThat(usage.cpuSeconds()).isEqualTo((1234 + 567) / 100.0);
        assertThat(usage.peakRssKiB()).isEqualTo(523412);
    }

    @Test
    void thisJvmHasUsedCpuAndMemoryAndSpentSomeOfItCompiling() {
        assertThat(ProcessUsage.of(ProcessHandle.current().pid())).hasValueSatisfying(usage -> {
            assertThat(usage.cpuSeconds()).isPositive();
            assertThat(usage.jitCpuSeconds()).isPositive().isLessThanOrEqualTo(usage.cpuSeconds());
            assertThat(usage.peakRssKiB()).isGreaterThan(10_000);
        });
    }

    @Test
    void compilerThreadsAreKnownByTheirTruncatedName() {
        assertThat(ProcessUsage.commandName("77 (C2 CompilerThre) S 1 2 3")).contains("CompilerThre");
        assertThat(ProcessUsage.ticks("77 (C1 CompilerThre) S 1 4242 4242 0 -1 4194560 51234 0 12 0 250 50 3 4 20"))
                .isEqualTo(300);
    }

    @Test
    void usageSinceAnEarlierMeasurementIsTheDifferenceWithTheLaterPeak() {
        ProcessUsage used = new ProcessUsage(30, 8, 2048).since(new ProcessUsage(10, 5, 4096));

        assertThat(used.cpuSeconds()).isEqualTo(20);
        assertThat(used.jitCpuSeconds()).isEqualTo(3);
        assertThat(used.peakRssKiB()).isEqualTo(2048);
    }

    @Test
    void aProcessThatIsGoneHasNoUsage() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();

        assertThat(ProcessUsage.of(process.pid())).isEmpty();
    }
}
