package dev.custody.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetStatusTest {
    @Test
    void aMachineIsALineAndItsReasonsAreIndentedBelowIt() throws Exception {
        FleetStatus status = FleetStatus.of(new ObjectMapper().readTree("""
                {"machines": [{"name": "x230", "state": "changed", "reasons": ["PCR 2 changed"], "lastSeen": "2026-01-01T00:00:00Z"},
                              {"name": "t480", "state": "unknown", "reasons": [], "lastSeen": null}]}"""));

        assertThat(status.lines()).containsExactly(
                "x230                     changed  last report 2026-01-01T00:00:00Z",
                "    PCR 2 changed",
                "t480                     unknown  last report never");
        assertThat(status.machines().get(1)).containsEntry("lastSeen", null).containsEntry("reasons", List.of());
    }

    /** A reason quotes a changed event from the machine's own log: a compromised machine writes it. */
    @Test
    void textFromTheServerCannotRewriteTheTerminal() throws Exception {
        FleetStatus status = FleetStatus.of(new ObjectMapper().readTree("""
                {"machines": [{"name": "x230\\n\\u001b[2J", "state": "changed\\r",
                               "reasons": ["PCR 2: CBFS file \\u001b]0;owned\\u0007 added", "\\u202eexe.jpg"], "lastSeen": null}]}"""));

        assertThat(status.lines()).containsExactly(
                "x230\\n\\x1b[2J            changed\\r last report never",
                "    PCR 2: CBFS file \\x1b]0;owned\\x07 added",
                "    \\u202eexe.jpg");
        assertThat(status.lines()).allSatisfy(line -> assertThat(line.chars().noneMatch(Character::isISOControl)).isTrue());
        assertThat(status.machines().getFirst()).containsEntry("name", "x230\n\u001b[2J");
    }

    /** The server's certificate is pinned; a compromised one still gets a refusal, not rows of "" and nothing. */
    @Test
    void anAnswerWithMissingOrMistypedMembersIsRefused() {
        for (String answer : List.of("{}", "{\"machines\": {}}", "{\"machines\": [7]}",
                "{\"machines\": [{\"state\": \"changed\", \"reasons\": [], \"lastSeen\": null}]}",
                "{\"machines\": [{\"name\": \"x230\", \"state\": \"changed\", \"reasons\": [1], \"lastSeen\": null}]}",
                "{\"machines\": [{\"name\": \"x230\", \"state\": \"changed\", \"reasons\": []}]}")) {
            assertThatThrownBy(() -> FleetStatus.of(new ObjectMapper().readTree(answer)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the server's answer to the status request is not understood: ");
        }
    }

    @Test
    void anEmptyFleetSaysSo() throws Exception {
        assertThat(FleetStatus.of(new ObjectMapper().readTree("{\"machines\": []}")).lines())
                .containsExactly("No machines are enrolled.");
    }
}
