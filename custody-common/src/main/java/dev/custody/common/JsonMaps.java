package dev.custody.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reports are built as maps that keep their members' order, so the JSON written from them is stable. */
public final class JsonMaps {
    private JsonMaps() {}

    /** A JSON object whose members keep the order given: alternating names and values (null allowed). */
    public static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }
}
