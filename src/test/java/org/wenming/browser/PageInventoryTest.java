package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * No page escapes {@link EveryPageBrowserTest}: every GET route of a controller that can answer HTML
 * is in {@link PageInventory#PAGES} or, with its reason, in {@link PageInventory#NOT_PAGES}. JSON
 * controllers ({@code @RestController}, {@code @ResponseBody}) cannot answer a page and are left out.
 * Runs without a browser and without Spring.
 */
class PageInventoryTest {

	@Test
	void everyHtmlGetRouteIsAPageOfTheInventoryOrSaysWhyItIsNot() {
		Set<String> routes = htmlGetRoutes();
		Set<String> known = new TreeSet<>();
		PageInventory.PAGES.forEach(p -> known.add(PageInventory.shape(p.route())));
		known.addAll(PageInventory.NOT_PAGES.keySet());

		assertThat(routes).as("the scan finds the controllers").contains("/", "/admin/cases/{}", "/checkin");
		assertThat(routes.stream().filter(r -> !known.contains(r)).toList())
			.as("GET routes answering HTML that are neither in PageInventory.PAGES nor in PageInventory.NOT_PAGES")
			.isEmpty();
		assertThat(known.stream().filter(r -> !routes.contains(r)).toList())
			.as("inventory entries no controller maps any more")
			.isEmpty();
	}

	@Test
	void theScanSeesAMadeUpControllersRoute() {
		// the guard itself must notice a route: a controller defined here is found like any other
		assertThat(routesOf(Sample.class)).containsExactly("/sample/{}");
	}

	static Set<String> htmlGetRoutes() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
		Set<String> routes = new TreeSet<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("org.wenming")) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), PageInventoryTest.class.getClassLoader());
			// controllers the tests themselves define are not the application's pages
			if (type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
				continue;
			}
			routes.addAll(routesOf(type));
		}
		return routes;
	}

	static List<String> routesOf(Class<?> type) {
		List<String> routes = new ArrayList<>();
		if (AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class)) {
			return routes;
		}
		RequestMapping prefix = AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class);
		String[] prefixes = prefix == null || prefix.path().length == 0 ? new String[] { "" } : prefix.path();
		for (Method method : type.getDeclaredMethods()) {
			RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
			if (mapping == null || AnnotatedElementUtils.hasAnnotation(method, ResponseBody.class)) {
				continue;
			}
			boolean get = mapping.method().length == 0 || Arrays.asList(mapping.method()).contains(RequestMethod.GET);
			boolean html = mapping.produces().length == 0
					|| Arrays.stream(mapping.produces()).anyMatch(p -> p.contains("html") || p.contains("*/*"));
			if (!get || !html) {
				continue;
			}
			String[] paths = mapping.path().length == 0 ? new String[] { "" } : mapping.path();
			for (String p : prefixes) {
				for (String path : paths) {
					String full = p + path;
					routes.add(PageInventory.shape(full.isEmpty() ? "/" : full));
				}
			}
		}
		return routes.stream().distinct().sorted().collect(Collectors.toList());
	}

	@Controller
	@RequestMapping("/sample")
	static class Sample {

		@org.springframework.web.bind.annotation.GetMapping("/{id}")
		String page() {
			return "sample";
		}

		@org.springframework.web.bind.annotation.PostMapping("/{id}")
		String change() {
			return "redirect:/sample";
		}
	}
}
