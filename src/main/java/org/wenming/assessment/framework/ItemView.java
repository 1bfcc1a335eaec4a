package org.wenming.assessment.framework;

/** 测评项目: a heading criteria are grouped under, in its framework's order. */
public record ItemView(long id, String code, String name, int position) {
}
