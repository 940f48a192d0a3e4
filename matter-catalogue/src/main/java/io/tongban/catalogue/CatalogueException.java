package io.tongban.catalogue;

/** A matter definition is broken; the message names the file, the field and the problem. */
public class CatalogueException extends RuntimeException {
    public CatalogueException(String file, String field, String problem) {
        super(file + ": " + field + ": " + problem);
    }

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
