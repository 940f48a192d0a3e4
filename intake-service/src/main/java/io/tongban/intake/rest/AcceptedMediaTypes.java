package io.tongban.intake.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The media types an endpoint consumes, read from the resources' own {@code @Consumes}, so that a 415 can tell the
 * client what to send instead (the REST layer refuses the request before any resource method is chosen, and its
 * own answer names nothing).
 */
final class AcceptedMediaTypes {
    private record Endpoint(String httpMethod, Pattern path, List<String> mediaTypes) {
    }

    private static final List<Endpoint> ENDPOINTS = scan(MatterResource.class, MaterialResource.class, CatalogueResource.class);

    private AcceptedMediaTypes() {
    }

    /** The media types {@code httpMethod path} accepts, in declaration order; empty if no endpoint is known. */
    static Set<String> of(String httpMethod, String path) {
        Set<String> accepted = new LinkedHashSet<>();
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.httpMethod().equalsIgnoreCase(httpMethod) && endpoint.path().matcher(path).matches()) {
                accepted.addAll(endpoint.mediaTypes());
            }
        }
        return accepted;
    }

    private static List<Endpoint> scan(Class<?>... resources) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : resources) {
            String base = resource.isAnnotationPresent(Path.class) ? resource.getAnnotation(Path.class).value() : "";
            for (Method method : resource.getDeclaredMethods()) {
                Consumes consumes = method.getAnnotation(Consumes.class);
                String httpMethod = httpMethod(method);
                if (consumes == null || httpMethod == null) {
                    continue;
                }
                String sub = method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "";
                endpoints.add(new Endpoint(httpMethod, template(base, sub), Arrays.asList(consumes.value())));
            }
        }
        return List.copyOf(endpoints);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        return null;
    }

    /** {@code /api/matters} + {@code /{matterId}/rating} as a pattern with one path segment per parameter. */
    private static Pattern template(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        for (String part : joined.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex + "/?");
    }
}
