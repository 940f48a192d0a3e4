package io.tongban.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.catalogue.Department;
import io.tongban.catalogue.DepartmentRegistry;
import io.tongban.catalogue.DepartmentRegistryLoader;
import io.tongban.catalogue.LocalizedText;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.EvidenceKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A department's public key is read from the file its registry entry names, not from one named by its id. */
class EvidenceKeyringTest {
    @TempDir
    Path folder;

    @Test
    void aDepartmentsKeyIsReadUnderItsRegistrysEvidenceKeyName() {
        EvidenceKeys keys = new EvidenceKeys(folder);
        keys.generateMissing(List.of(EvidenceHeaders.PLATFORM, "pilot-bureau-2026", "pilot-bureau", "health"));

        EvidenceKeyring keyring = keyring();

        assertThat(keyring.publicKeyOf("pilot-bureau")).isEqualTo(keys.publicKeyOf("pilot-bureau-2026").orElseThrow())
                .isNotEqualTo(keys.publicKeyOf("pilot-bureau").orElseThrow());
        assertThat(keyring.publicKeyOf("health")).isEqualTo(keys.publicKeyOf("health").orElseThrow());
        assertThat(keyring.publicKeyOf(EvidenceHeaders.PLATFORM)).isEqualTo(keys.publicKeyOf(EvidenceHeaders.PLATFORM).orElseThrow());
    }

    @Test
    void aDepartmentWithoutTheNamedKeyFileHasNoKeyEvenWhenAFileNamedByItsIdExists() {
        new EvidenceKeys(folder).generateMissing(List.of(EvidenceHeaders.PLATFORM, "pilot-bureau"));

        assertThat(keyring().publicKeyOf("pilot-bureau")).isNull();
    }

    private EvidenceKeyring keyring() {
        List<Department> departments = new ArrayList<>(DepartmentRegistryLoader.loadBuiltIn().all());
        departments.add(new Department("pilot-bureau", new LocalizedText("试点局", "Pilot Bureau"), Department.HTTP,
                Optional.empty(), 8, Duration.ofMinutes(2), 5, "pilot-bureau-2026", "pilot-bureau"));
        EvidenceKeyring keyring = new EvidenceKeyring();
        keyring.catalogue = new MatterCatalogue(List.of(), new DepartmentRegistry(departments));
        keyring.config = new EvidenceConfig() {
            @Override
            public String keysDir() {
                return folder.toString();
            }

            @Override
            public boolean requireDepartmentSignature() {
                return true;
            }
        };
        keyring.load();
        return keyring;
    }
}
