package org.vitrine.generator; final class Placeholder {}
