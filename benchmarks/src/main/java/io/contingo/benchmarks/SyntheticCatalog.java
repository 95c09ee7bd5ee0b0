package io.contingo.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog of {@code sites} sites with {@code componentsPerSite} components each, given to incident-service as
 * {@code contingo.catalog.sites[...]} overrides (a list set on the command line replaces application.yml's).
 */
record SyntheticCatalog(int sites, int componentsPerSite) {

    /** A catalog component and the site that hosts it. */
    record Component(String siteId, String id) {
    }

    String siteId(int site) {
        return "site-%03d".formatted(site);
    }

    String componentId(int site, int component) {
        return "site-%03d-c%02d".formatted(site, component);
    }

    List<Component> components() {
        List<Component> all = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            for (int c = 0; c < componentsPerSite; c++) {
                all.add(new Component(siteId(s), componentId(s, c)));
            }
        }
        return all;
    }

    Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        for (int s = 0; s < sites; s++) {
            String site = "contingo.catalog.sites[" + s + "].";
            props.put(site + "id", siteId(s));
            props.put(site + "name", "Site " + s);
            props.put(site + "role", s % 2 == 0 ? "active" : "standby");
            for (int c = 0; c < componentsPerSite; c++) {
                String component = site + "components[" + c + "].";
                props.put(component + "id", componentId(s, c));
                props.put(component + "name", "Service " + c + " on site " + s);
            }
        }
        // the demo's DRP pair and runbooks name the demo's sites and components, which this catalog replaces
        props.put("contingo.drp.pairs", "");
        props.put("contingo.drp.runbooks", "");
        props.put("contingo.oncall.sites", ""); // the demo's on-call schedules name the demo's sites too
        return props;
    }
}
