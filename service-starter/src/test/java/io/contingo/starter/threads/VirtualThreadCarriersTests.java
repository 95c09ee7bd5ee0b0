package io.contingo.starter.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtualThreadCarriersTests {

    private String before;

    @BeforeEach
    void rememberTheSetting() {
        before = System.getProperty(VirtualThreadCarriers.PARALLELISM);
        System.clearProperty(VirtualThreadCarriers.PARALLELISM);
    }

    @AfterEach
    void restoreTheSetting() {
        if (before == null) {
            System.clearProperty(VirtualThreadCarriers.PARALLELISM);
        } else {
            System.setProperty(VirtualThreadCarriers.PARALLELISM, before);
        }
    }

    @Test
    void raisesTheCarriersToTheMinimumOrOnePerCore() {
        int expected = Math.max(64, Runtime.getRuntime().availableProcessors());

        assertThat(VirtualThreadCarriers.atLeast(64)).isEqualTo(String.valueOf(expected));
        assertThat(System.getProperty(VirtualThreadCarriers.PARALLELISM)).isEqualTo(String.valueOf(expected));
    }

    @Test
    void neverGoesBelowOnePerCore() {
        String cores = String.valueOf(Runtime.getRuntime().availableProcessors());

        assertThat(VirtualThreadCarriers.atLeast(1)).isEqualTo(cores);
    }

    @Test
    void leavesTheCommandLinesChoiceAlone() {
        System.setProperty(VirtualThreadCarriers.PARALLELISM, "3");

        assertThat(VirtualThreadCarriers.atLeast(8)).isEqualTo("3");
        assertThat(System.getProperty(VirtualThreadCarriers.PARALLELISM)).isEqualTo("3");
    }

    @Test
    void refusesZeroCarriers() {
        assertThatThrownBy(() -> VirtualThreadCarriers.atLeast(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one carrier");
        assertThat(System.getProperty(VirtualThreadCarriers.PARALLELISM)).isNull();
    }
}
