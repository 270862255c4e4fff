package dev.custody.machine;

import static dev.custody.common.JsonMaps.object;

import dev.custody.eventlog.PcrValues;
import dev.custody.machine.KernelUpdate.Prediction;
import dev.custody.machine.KernelUpdate.Reseal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A predictive reseal as 'boot reseal --json' and 'lab install-kernel --json' report it. */
public final class KernelUpdateJson {
    private KernelUpdateJson() {}

    public static Map<String, Object> of(Path kernel, KernelUpdate.Outcome outcome) {
        return object("kernel", kernel.toString(),
                "prediction", switch (outcome.prediction()) {
                    case Prediction.Predicted p -> object("outcome", "predicted", "replaced", p.replaced(),
                            "pcrs", PcrValues.toJson(p.pcrs()), "warnings", p.warnings());
                    case Prediction.Unaffected u -> object("outcome", "unaffected", "reason", u.reason());
                    case Prediction.Impossible i -> object("outcome", "impossible", "reason", i.reason());
                },
                "totp", outcome.reseal().map(r -> reseal(r.totp())).orElse(null),
                "diskKey", outcome.reseal().map(r -> reseal(r.diskKey())).orElse(null),
                "resealAfterReboot", outcome.resealAfterReboot());
    }

    private static Map<String, Object> reseal(Reseal reseal) {
        return switch (reseal) {
            case Reseal.Resealed r -> object("outcome", "resealed", "pcrs", List.copyOf(r.pcrs().keySet()));
            case Reseal.AlreadyResealed a -> object("outcome", "already-resealed");
            case Reseal.Unchanged u -> object("outcome", "unchanged");
            case Reseal.NotSealed n -> object("outcome", "not-sealed");
            case Reseal.Impossible i -> object("outcome", "impossible", "reason", i.reason());
        };
    }
}
