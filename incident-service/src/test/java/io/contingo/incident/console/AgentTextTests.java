package io.contingo.incident.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an agent writes keeps every character XML 1.0 can hold and loses the others. */
class AgentTextTests {

    @Test
    void controlCharactersOtherThanTabNewlineAndReturnAreDropped() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        assertThat(AgentText.clean("a" + controls + "b")).isEqualTo("a\t\n\rb");
    }

    @Test
    void nonCharactersAndLoneSurrogatesAreDroppedWhatXmlHoldsIsKept() {
        assertThat(AgentText.clean("x\uFFFE\uFFFFy\uD800z\uDC00")).isEqualTo("xyz");
        String kept = "Caída \u007F\u0085 \uE000\uFFFD 🚒 <b>&amp;</b>";
        assertThat(AgentText.clean(kept)).isEqualTo(kept);
        assertThat(AgentText.clean(null)).isNull();
    }
}
