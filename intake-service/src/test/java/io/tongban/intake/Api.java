package io.tongban.intake;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import io.tongban.testsupport.TestTokens;

/** Requests as a given principal, with a bearer token signed by the test key. */
final class Api {
    static final String NEWBORN = """
            {"matterType": "newborn", "form": {
              "child": {"name": "王小明", "sex": "male", "birthDate": "2026-11-20"},
              "hospital": "市第一人民医院",
              "mother": {"name": "李芳", "idCard": "11010519491231002X"},
              "father": {"name": "王强", "idCard": "110105194912310038"},
              "householdAddress": "北京市朝阳区建国路1号"}}""";
    static final String SIGNBOARD = """
            {"matterType": "test-signboard", "form": {"shopName": "老王面馆", "ownerIdCard": "110105194912310038"}}""";
    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes();

    private Api() {
    }

    static RequestSpecification as(String applicant) {
        return given().auth().oauth2(TestTokens.applicant(applicant));
    }

    static RequestSpecification asClerk(String clerk, String department) {
        return given().auth().oauth2(TestTokens.clerk(clerk, department));
    }
}
