package io.tongban.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatedDepartmentsTest {
    @Test
    void madeUpNumbersLookLikeDocumentNumbers() {
        assertThat(SimulatedDepartments.madeUpNumber("birthCertificateNo")).matches("BCN[0-9]{9}");
        assertThat(SimulatedDepartments.madeUpNumber("citizenIdNo")).matches("CIN[0-9]{9}");
        assertThat(SimulatedDepartments.madeUpNumber("x")).matches("X[0-9]{9}");
    }
}
