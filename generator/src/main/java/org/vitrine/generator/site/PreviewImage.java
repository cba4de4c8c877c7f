package org.vitrine.generator.site;

import java.nio.file.Path;
import java.util.Map;

/**
 * A preview image written beside a dataset page, in a small and a large size.
 *
 * @param small  file name of the small image, relative to the dataset page
 * @param large  file name of the large image
 * @param width  width of the small image in pixels
 * @param height height of the small image in pixels
 * @param alt    text alternative describing what the picture shows
 * @param smallFile where the small picture was rendered (outside the site)
 * @param largeFile where the large picture was rendered
 * @param file   index of the dataset's file it shows
 */
public record PreviewImage(String small, String large, int width, int height, String alt, Path smallFile, Path largeFile, int file) {

    Map<String, Object> view(String pageHref) {
        return Map.of("src", small, "large", large, "width", String.valueOf(width), "height", String.valueOf(height),
                "alt", alt, "absoluteSrc", pageHref + small);
    }
}
