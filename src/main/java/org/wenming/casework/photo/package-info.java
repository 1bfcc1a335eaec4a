/**
 * The photo rules of casework (and of every module that takes photos in the field): an upload is checked
 * by its content, re-encoded without metadata, and stored by stage. Published as a named interface so that
 * field assessment checks its inspectors' photos by the same rules.
 */
@org.springframework.modulith.NamedInterface("photo")
package org.wenming.casework.photo;
