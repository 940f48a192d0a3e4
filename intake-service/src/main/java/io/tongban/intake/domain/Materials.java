package io.tongban.intake.domain;

import io.tongban.catalogue.MaterialRequirement;
import io.tongban.catalogue.MaterialSpec;
import io.tongban.catalogue.MatterDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rules for uploaded materials: known names, accepted file types (declared and by content), size limits. */
public final class Materials {
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** One uploaded file, as received. {@code name} is the material's name in the matter type. */
    public record Upload(String name, String fileName, String contentType, byte[] content) {
        public long size() {
            return content.length;
        }

        public String sha256() {
            return Materials.sha256(content);
        }
    }

    public record Limits(long maxFileBytes, long maxMatterBytes) {
    }

    private Materials() {
    }

    /** A size check before any file is read into memory: sizes as the multipart parser reported them. */
    public static void checkSizes(Collection<Long> sizes, Limits limits) {
        long total = 0;
        for (long size : sizes) {
            if (size > limits.maxFileBytes()) {
                throw Problem.tooLarge("a material may have at most " + limits.maxFileBytes() + " bytes", List.of());
            }
            total += size;
        }
        if (total > limits.maxMatterBytes()) {
            throw Problem.tooLarge("the materials of one matter may have at most " + limits.maxMatterBytes()
                    + " bytes together", List.of());
        }
    }

    /**
     * Checks uploads against the matter type. {@code allowed} limits which names may come (null: every material
     * of the type); {@code requireRequired} demands the required ones (a first submission).
     */
    public static void check(MatterDefinition definition, List<Upload> uploads, Set<String> allowed,
                             boolean requireRequired, Limits limits) {
        checkSizes(uploads.stream().map(Upload::size).toList(), limits);
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Problem.FieldError> typeErrors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Upload upload : uploads) {
            String field = "materials." + upload.name();
            MaterialSpec spec = definition.material(upload.name()).orElse(null);
            if (spec == null) {
                errors.add(new Problem.FieldError(field, "the " + definition.id() + " matter has no such material"));
                continue;
            }
            if (allowed != null && !allowed.contains(upload.name())) {
                errors.add(new Problem.FieldError(field, "was not asked for"));
                continue;
            }
            if (!seen.add(upload.name())) {
                errors.add(new Problem.FieldError(field, "given more than once"));
                continue;
            }
            if (upload.size() == 0) {
                errors.add(new Problem.FieldError(field, "is empty"));
                continue;
            }
            String declared = baseType(upload.contentType());
            if (!spec.contentTypes().contains(declared)) {
                typeErrors.add(new Problem.FieldError(field, "content type " + declared + " is not accepted; accepted: "
                        + String.join(", ", spec.contentTypes())));
            } else if (!contentMatches(declared, upload.content())) {
                typeErrors.add(new Problem.FieldError(field, "the file's content is not " + declared));
            }
        }
        if (requireRequired) {
            for (MaterialSpec spec : definition.materials()) {
                if (spec.requirement() == MaterialRequirement.REQUIRED && !seen.contains(spec.name())) {
                    errors.add(new Problem.FieldError("materials." + spec.name(), "is required"));
                }
            }
        }
        if (!errors.isEmpty()) {
            errors.addAll(typeErrors);
            throw Problem.invalid("the materials do not match the " + definition.id() + " materials list", errors);
        }
        if (!typeErrors.isEmpty()) {
            throw Problem.unsupportedType("a material has a file type that is not accepted", typeErrors);
        }
    }

    public static String baseType(String contentType) {
        if (contentType == null) {
            return "application/octet-stream";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Magic bytes for the types we know; other declared types are trusted as declared. */
    static boolean contentMatches(String contentType, byte[] content) {
        switch (contentType) {
            case "application/pdf":
                return startsWith(content, PDF);
            case "image/jpeg":
                return startsWith(content, JPEG);
            case "image/png":
                return startsWith(content, PNG);
            default:
                return true;
        }
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a material is downloaded from: the claim check events carry instead of the file. */
    public static String reference(String matterId, String name) {
        return "/api/matters/" + matterId + "/materials/" + name;
    }
}
