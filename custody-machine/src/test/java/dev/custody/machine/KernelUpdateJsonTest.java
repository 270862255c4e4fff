package dev.custody.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.machine.KernelUpdate.Outcome;
import dev.custody.machine.KernelUpdate.Prediction;
import dev.custody.machine.KernelUpdate.Reseal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KernelUpdateJsonTest {
    private static final Path KERNEL = Path.of("/boot/vmlinuz-6.12");

    @Test
    void aPredictedUpdateNamesEachSecretsReseal() {
        TreeMap<Integer, byte[]> pcrs = new TreeMap<>(Map.of(4, new byte[32], 7, new byte[32]));
        Outcome outcome = new Outcome(new Prediction.Predicted(Map.of(), List.of("vmlinuz-6.1"), new byte[0], List.of()),
                Optional.of(new KernelUpdate.Report(null, new Reseal.Resealed(pcrs), new Reseal.Impossible("no disk key record"))));
        Map<String, Object> json = KernelUpdateJson.of(KERNEL, outcome);
        assertThat(json.keySet()).containsExactly("kernel", "prediction", "totp", "diskKey", "resealAfterReboot");
        assertThat(json).containsEntry("kernel", KERNEL.toString())
                .containsEntry("totp", Map.of("outcome", "resealed", "pcrs", List.of(4, 7)))
                .containsEntry("diskKey", Map.of("outcome", "impossible", "reason", "no disk key record"))
                .containsEntry("resealAfterReboot", true);
        assertThat(json.get("prediction")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("outcome", "predicted").containsEntry("replaced", List.of("vmlinuz-6.1"));
    }

    @Test
    void withoutPredictionThereIsNoReseal() {
        Map<String, Object> json = KernelUpdateJson.of(KERNEL, new Outcome(new Prediction.Unaffected("nothing sealed"), Optional.empty()));
        assertThat(json).containsEntry("prediction", Map.of("outcome", "unaffected", "reason", "nothing sealed"))
                .containsEntry("totp", null).containsEntry("diskKey", null).containsEntry("resealAfterReboot", false);
    }
}
