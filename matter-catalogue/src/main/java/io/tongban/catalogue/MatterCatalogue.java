package io.tongban.catalogue;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * All matter types at all their versions. New matters start on a type's latest version; a running
 * matter keeps the version it started on.
 */
public final class MatterCatalogue {
    private final Map<String, TreeMap<Integer, MatterDefinition>> byId;

    public MatterCatalogue(Collection<MatterDefinition> definitions) {
        this.byId = new TreeMap<>();
        for (MatterDefinition d : definitions) {
            MatterDefinition previous = byId.computeIfAbsent(d.id(), k -> new TreeMap<>()).put(d.version(), d);
            if (previous != null) {
                throw new CatalogueException(d.source(), "version",
                        "matter type '" + d.id() + "' version " + d.version() + " is also defined in " + previous.source());
            }
        }
    }

    public Optional<MatterDefinition> latest(String id) {
        return Optional.ofNullable(byId.get(id)).map(versions -> versions.lastEntry().getValue());
    }

    public Optional<MatterDefinition> find(String id, int version) {
        return Optional.ofNullable(byId.get(id)).map(versions -> versions.get(version));
    }

    /** The latest version of every matter type, by id. */
    public List<MatterDefinition> latestOfEach() {
        return byId.values().stream().map(v -> v.lastEntry().getValue())
                .sorted(Comparator.comparing(MatterDefinition::id)).toList();
    }

    public List<String> departments() {
        return byId.values().stream().flatMap(v -> v.values().stream())
                .flatMap(d -> d.departments().stream())
                .distinct().sorted().collect(Collectors.toList());
    }
}
