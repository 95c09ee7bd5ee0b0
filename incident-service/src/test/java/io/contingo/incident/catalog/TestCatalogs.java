package io.contingo.incident.catalog;

import java.util.Optional;

/** Catalogs for tests of other packages. */
public final class TestCatalogs {

    private TestCatalogs() {
    }

    /** The catalog of these settings, running {@code lookedUp} before each look-up of a component. */
    public static Catalog of(CatalogSettings settings, Runnable lookedUp) {
        return new Catalog(settings) {
            @Override
            public Optional<Placement> component(String componentId) {
                lookedUp.run();
                return super.component(componentId);
            }
        };
    }
}
