package org.vitrine.core.model;

/**
 * A person or organization credited for a dataset.
 *
 * <p>Citations need a person's family name apart from the given names, and cannot guess it from
 * every name ("Ludwig van Beethoven", "Gabriel García Márquez"): curators write such names as
 * {@code Family, Given}, the form DataCite and reference managers use, and otherwise the last
 * word is taken as the family name. An organization's name is never split.
 *
 * @param name         display name: "Given Family" for a person, as written for an organization
 * @param familyName   a person's family name; null for an organization
 * @param givenName    a person's given names; null for an organization or a person known by one name
 * @param organization whether this is an organization (a collaboration, team or facility), not a person
 * @param orcid        bare ORCID iD ({@code 0000-0002-1825-0097}) or null
 * @param affiliation  institution, or null
 * @param role         DataCite contributor role or free text such as "PI", or null
 */
public record Author(String name, String familyName, String givenName, boolean organization, String orcid,
                     String affiliation, String role) {

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /**
     * A person named as curators write it: {@code Family, Given} (one comma), or {@code Given Family}
     * where the family name is the last word.
     */
    public static Author person(String written, String orcid, String affiliation, String role) {
        String w = written.strip();
        int comma = w.indexOf(',');
        if (comma >= 0) {
            String family = w.substring(0, comma).strip();
            String given = w.substring(comma + 1).strip();
            return given.isEmpty() ? new Author(family, family, null, false, orcid, affiliation, role)
                    : new Author(given + " " + family, family, given, false, orcid, affiliation, role);
        }
        String[] words = SPACES.split(w);
        String family = words[words.length - 1];
        String given = w.substring(0, w.length() - family.length()).strip();
        return new Author(String.join(" ", words), family, given.isEmpty() ? null : String.join(" ", SPACES.split(given)),
                false, orcid, affiliation, role);
    }

    /** An organization, named as written. */
    public static Author organization(String name, String affiliation, String role) {
        return new Author(name.strip(), null, null, true, null, affiliation, role);
    }

    /** The name as citations list it: {@code Family, Given} for a person, the name of an organization. */
    public String citationName() {
        if (organization) {
            return name;
        }
        return givenName == null ? familyName : familyName + ", " + givenName;
    }

    /** The ORCID iD as a resolvable URL, or null. */
    public String orcidUrl() {
        return orcid == null ? null : "https://orcid.org/" + orcid;
    }
}
