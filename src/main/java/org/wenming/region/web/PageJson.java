package org.wenming.region.web;

import java.util.List;

/** One page of a listing with the total, so a client can page through all of it. */
record PageJson<T>(List<T> items, long total, int page, int size, int pages) {
}
