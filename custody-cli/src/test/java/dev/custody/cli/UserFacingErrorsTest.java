package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class UserFacingErrorsTest {
    /** A 12 MP comparison in a small heap: on the main thread, or in a photo decoded in the background. */
    @Test
    void runningOutOfMemoryIsOneLineThatSaysWhatToDo() {
        for (Throwable failure : new Throwable[] {new OutOfMemoryError("Java heap space"),
            new CompletionException(new OutOfMemoryError("Java heap space"))}) {
            StringWriter text = new StringWriter();

            int exit = UserFacingErrors.report(failure, new PrintWriter(text));

            assertThat(exit).isEqualTo(UserFacingErrors.FAILURE);
            assertThat(text.toString().lines()).hasSize(1).first().asString()
                    .startsWith("custody: not enough memory for this command;").contains("-Xmx");
        }
    }
}
