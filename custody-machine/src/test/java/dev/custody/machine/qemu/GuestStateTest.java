package dev.custody.machine.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.machine.QemuMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestStateTest {
    @TempDir
    Path work;

    /** The kernel install predicts OVMF's PCR 4 from this size; the power-on hands QEMU the appended file. */
    @Test
    void theSizePredictedIsTheSizeAppendedWhateverTheSealRecords() throws Exception {
        QemuMachine machine = new QemuMachine(work);
        Files.write(machine.initrd(), new byte[1_031_287]);
        long predicted = GuestState.initrdSize(machine);
        Path first = work.resolve("first.img");
        GuestState.appendTo(machine, first);
        Files.createDirectories(machine.stateDirectory().resolve("seal-records"));
        Files.writeString(machine.stateDirectory().resolve("seal-records/0x81000003.json"), "{\"a seal record\": true}");
        Path second = work.resolve("second.img");
        GuestState.appendTo(machine, second);

        assertThat(Files.size(first)).isEqualTo(predicted);
        assertThat(Files.size(second)).isEqualTo(predicted);
        assertThat(predicted).isEqualTo(1_031_680 + GuestState.AREA);
    }
}
