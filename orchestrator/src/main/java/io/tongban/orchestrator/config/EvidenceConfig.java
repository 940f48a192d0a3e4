package io.tongban.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The evidence chain's keys and rules (README "Evidence chain"). */
@ConfigMapping(prefix = "tongban.evidence")
public interface EvidenceConfig {
    /**
     * Folder of Ed25519 PEM keys: {@code platform.key} signs tasks; {@code <department>.pub} verifies that
     * department's results. The local runtime generates it under {@code $TONGBAN_HOME/keys/evidence}.
     */
    @WithDefault("keys/evidence")
    String keysDir();

    /**
     * Whether a department result without a valid signature of that department is refused (dead-lettered).
     * A result that carries a signature is always checked; turn this off only while departments are being
     * given their keys.
     */
    @WithDefault("true")
    boolean requireDepartmentSignature();
}
