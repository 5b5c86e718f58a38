package io.newsflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirectoryTest {

    @Test
    void directoryOfAProcessThatIsGoneIsReclaimedAndLiveOnesAreKept() throws Exception {
        Path abandoned = Files.createDirectories(ScratchDirectory.root().resolve("reclaimtest-abandoned"));
        Files.writeString(abandoned.resolve(ScratchDirectory.OWNER_FILE), finishedProcessRecord());
        List<Path> reclaimed = new ArrayList<>();

        try (ScratchDirectory live = ScratchDirectory.create("reclaimtest", reclaimed::add)) {
            assertThat(reclaimed).containsExactly(abandoned);
            assertThat(abandoned).doesNotExist();

            List<Path> reclaimedWhileLive = new ArrayList<>();
            try (ScratchDirectory other = ScratchDirectory.create("reclaimtest", reclaimedWhileLive::add)) {
                assertThat(reclaimedWhileLive).isEmpty();
                assertThat(live.path()).exists();
                assertThat(other.path()).isNotEqualTo(live.path()).exists();
            }
        }
    }

    @Test
    void closeDeletesTheDirectory() throws Exception {
        Path path;
        try (ScratchDirectory scratch = ScratchDirectory.create("closetest")) {
            path = scratch.path();
            Files.writeString(path.resolve("file"), "x");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void ownerIsGoneOnlyWhenItsProcessNoLongerRuns(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("mine");
        Owner.claim(mine);
        assertThat(Owner.isGone(mine)).isFalse();

        Path finished = Files.writeString(dir.resolve("finished"), finishedProcessRecord());
        assertThat(Owner.isGone(finished)).isTrue();

        long self = ProcessHandle.current().pid();
        Path reusedPid = Files.writeString(dir.resolve("reused"), self + " 1");
        assertThat(Owner.isGone(reusedPid)).isTrue();

        assertThat(Owner.isGone(dir.resolve("missing"))).isFalse();
        assertThat(Owner.isGone(Files.writeString(dir.resolve("garbled"), "not a record"))).isFalse();
    }

    private static String finishedProcessRecord() throws Exception {
        Process process = new ProcessBuilder("true").start();
        long started = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(1L);
        process.waitFor();
        return process.pid() + " " + started;
    }
}
