package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesTheLayoutCustodyHasAlwaysPrinted() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("name", "rom.bin");
        report.put("size", 8388608);
        report.put("score", new BigDecimal("0.4200"));
        report.put("ok", true);
        report.put("missing", null);
        report.put("empty", Map.of());
        report.put("none", List.of());
        report.put("items", List.of(1, Map.of("a", "b")));
        report.put("path", Path.of("/tmp/x y"));
        assertThat(Json.write(report)).isEqualTo("""
                {
                  "name": "rom.bin",
                  "size": 8388608,
                  "score": 0.4200,
                  "ok": true,
                  "missing": null,
                  "empty": {},
                  "none": [],
                  "items": [
                    1,
                    {
                      "a": "b"
                    }
                  ],
                  "path": "/tmp/x y"
                }""");
    }

    @Test
    void escapesControlCharactersInLowerCaseHexExceptTheShortOnes() {
        assertThat(Json.write("a\"b\\c\n\r\t\b\f\u0000\u001b\u007f\u202e\uD83D\uDE00"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\u0008\\u000c\\u0000\\u001b\u007f\u202e\uD83D\uDE00\"");
    }

    /** Jackson writes exactly what the hand-written writer it replaced wrote. */
    @Test
    void writesWhatTheHandWrittenWriterWrote() {
        Random random = new Random(13);
        for (int i = 0; i < 500; i++) {
            Object value = randomValue(random, 0);
            assertThat(Json.write(value)).isEqualTo(OldJson.write(value));
        }
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> randomText(random);
            case 2 -> random.nextBoolean();
            case 3 -> random.nextLong();
            case 4 -> random.nextInt(4) == 0 ? Double.NaN : random.nextDouble() * Math.pow(10, random.nextInt(20) - 10);
            case 5 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(12) - 3);
            case 6 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    map.put(randomText(random), randomValue(random, depth + 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            text.append((char) switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x60);
                case 2 -> 0x80 + random.nextInt(0x2000);
                default -> "\"\\/".charAt(random.nextInt(3));
            });
        }
        return text.toString();
    }
}
