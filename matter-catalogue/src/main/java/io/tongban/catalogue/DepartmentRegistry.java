package io.tongban.catalogue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every department a matter definition may name, by id, in registry order. */
public final class DepartmentRegistry {
    private final Map<String, Department> byId = new LinkedHashMap<>();

    public DepartmentRegistry(Collection<Department> departments) {
        for (Department d : departments) {
            if (byId.putIfAbsent(d.id(), d) != null) {
                throw new IllegalArgumentException("department " + d.id() + " is registered twice");
            }
        }
    }

    public Optional<Department> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean isRegistered(String id) {
        return byId.containsKey(id);
    }

    public List<Department> all() {
        return List.copyOf(byId.values());
    }

    /** The ids, sorted: topic lists, key and secret generation. */
    public List<String> ids() {
        return byId.keySet().stream().sorted().toList();
    }
}
