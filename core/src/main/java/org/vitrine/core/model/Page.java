package org.vitrine.core.model;

import java.nio.file.Path;

/**
 * A content page (about, mission, data format) written in markdown.
 *
 * @param slug   URL segment, from the file name
 * @param title  title
 * @param order  position in the navigation (lower first)
 * @param body   markdown body
 * @param source content file
 */
public record Page(String slug, String title, int order, String body, Path source) {
}
