package org.vitrine.api; final class Placeholder {}
