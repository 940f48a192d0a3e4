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
    private final DepartmentRegistry departmentRegistry;

    /** Definitions whose departments are all in the built-in department registry. */
    public MatterCatalogue(Collection<MatterDefinition> definitions) {
        this(definitions, DepartmentRegistryLoader.loadBuiltIn());
    }

    public MatterCatalogue(Collection<MatterDefinition> definitions, DepartmentRegistry departmentRegistry) {
        this.byId = new TreeMap<>();
        this.departmentRegistry = departmentRegistry;
        for (MatterDefinition d : definitions) {
            MatterDefinition previous = byId.computeIfAbsent(d.id(), k -> new TreeMap<>()).put(d.version(), d);
            if (previous != null) {
                throw new CatalogueException(d.source(), "version",
                        "matter type '" + d.id() + "' version " + d.version() + " is also defined in " + previous.source());
            }
        }
        checkDepartments();
        checkSuggestions();
    }

    /**
     * A task for a department nobody registered would be dispatched to a topic nobody reads, without a key to
     * verify its answer: it would wait for ever. So such a definition never enters the catalogue.
     */
    private void checkDepartments() {
        for (TreeMap<Integer, MatterDefinition> versions : byId.values()) {
            for (MatterDefinition d : versions.values()) {
                for (int i = 0; i < d.tasks().size(); i++) {
                    TaskDefinition task = d.tasks().get(i);
                    if (!departmentRegistry.isRegistered(task.department())) {
                        throw new CatalogueException(d.source(), "tasks[" + i + "] (" + task.key() + ").department",
                                "department " + task.department() + " is not registered (register it in "
                                        + DepartmentRegistryLoader.FILE_NAME + ")");
                    }
                }
            }
        }
    }

    /** A suggested matter type must exist, and its latest form must have every field the suggestion fills in. */
    private void checkSuggestions() {
        for (TreeMap<Integer, MatterDefinition> versions : byId.values()) {
            for (MatterDefinition d : versions.values()) {
                for (int i = 0; i < d.suggests().size(); i++) {
                    Suggestion s = d.suggests().get(i);
                    String field = "suggests[" + i + "]";
                    MatterDefinition target = latest(s.matterType()).orElseThrow(() -> new CatalogueException(
                            d.source(), field + ".matterType", "suggests matter type '" + s.matterType()
                            + "', which is not in the catalogue (known: " + String.join(", ", byId.keySet()) + ")"));
                    for (String path : s.prefill().keySet()) {
                        List<String> parts = CatalogueLoader.formPath(path).orElseThrow();
                        if (!CatalogueLoader.hasFormField(target.formSchema(), parts)) {
                            throw new CatalogueException(d.source(), field + ".prefill." + path, "the form of matter type '"
                                    + target.id() + "' (version " + target.version() + ") has no field " + path);
                        }
                    }
                }
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

    /** The registry the definitions were checked against. */
    public DepartmentRegistry departmentRegistry() {
        return departmentRegistry;
    }

    public List<String> departments() {
        return byId.values().stream().flatMap(v -> v.values().stream())
                .flatMap(d -> d.departments().stream())
                .distinct().sorted().collect(Collectors.toList());
    }
}
