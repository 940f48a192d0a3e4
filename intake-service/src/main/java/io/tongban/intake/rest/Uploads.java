package io.tongban.intake.rest;

import io.tongban.intake.domain.Materials;
import io.tongban.intake.domain.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Multipart file parts as uploads: sizes are checked before a single file is read into memory. */
final class Uploads {
    private Uploads() {
    }

    static List<Materials.Upload> read(List<FileUpload> files, String jsonPart, Materials.Limits limits) {
        List<FileUpload> materials = files == null ? List.of()
                : files.stream().filter(f -> !f.name().equals(jsonPart)).toList();
        Materials.checkSizes(materials.stream().map(FileUpload::size).toList(), limits);
        List<Materials.Upload> uploads = new ArrayList<>();
        for (FileUpload file : materials) {
            try {
                uploads.add(new Materials.Upload(file.name(), safeFileName(file.fileName()), file.contentType(),
                        Files.readAllBytes(file.uploadedFile())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read an uploaded part", e);
            }
        }
        return uploads;
    }

    /** The JSON part, given as a plain field or (some clients) as a file part of the same name. */
    static String jsonPart(String field, List<FileUpload> files, String name, boolean required) {
        if (field != null) {
            return field;
        }
        if (files != null) {
            for (FileUpload file : files) {
                if (file.name().equals(name)) {
                    try {
                        return Files.readString(file.uploadedFile());
                    } catch (IOException e) {
                        throw Problem.invalid("the '" + name + "' part is not UTF-8 JSON",
                                List.of(new Problem.FieldError(name, "not UTF-8 JSON")));
                    }
                }
            }
        }
        if (required) {
            throw Problem.invalid("the multipart request needs a '" + name + "' part (JSON)",
                    List.of(new Problem.FieldError(name, "is required")));
        }
        return null;
    }

    private static String safeFileName(String name) {
        if (name == null) {
            return null;
        }
        String base = name.replaceAll(".*[/\\\\]", "");
        return base.length() > 200 ? base.substring(0, 200) : base;
    }
}
