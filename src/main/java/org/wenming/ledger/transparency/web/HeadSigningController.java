package org.wenming.ledger.transparency.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wenming.ledger.ServiceLedger;
import org.wenming.ledger.transparency.LedgerInconsistentException;
import org.wenming.ledger.transparency.SignedHead;
import org.wenming.ledger.transparency.TreeHeads;
import org.wenming.platform.PageController;
import org.wenming.shared.ScopedUser;

/**
 * "签发树头" on the ledger's verification page: the city office signs its city's head now (the system administrator
 * every city's), checked against the previous head like the hourly signing.
 */
@Controller
class HeadSigningController extends PageController {

	private final TreeHeads heads;

	HeadSigningController(TreeHeads heads) {
		this.heads = heads;
	}

	@PostMapping("/admin/ledger/verify/heads")
	String sign(@AuthenticationPrincipal ScopedUser user, RedirectAttributes flash) {
		if (!ServiceLedger.mayVerify(user)) {
			throw new AccessDeniedException("signing tree heads needs the system administrator or the city office");
		}
		List<String> cities = cities(user);
		List<String> signed = new ArrayList<>();
		List<String> refused = new ArrayList<>();
		for (String city : cities) {
			try {
				SignedHead head = heads.signNow(city);
				signed.add(head.cityCode() + " · " + head.size());
			}
			catch (LedgerInconsistentException ex) {
				refused.add(city);
			}
		}
		flash.addFlashAttribute("headsSigned", String.join(", ", signed));
		flash.addFlashAttribute("headsRefused", String.join(", ", refused));
		return "redirect:/admin/ledger/verify";
	}

	/** The user's city (a scope of a city or below it), or every city with a tree for the whole installation. */
	private List<String> cities(ScopedUser user) {
		if (user.scope().isEverything()) {
			return heads.integratedCities();
		}
		String[] parts = user.scope().path().split("\\.");
		if (parts.length >= 2) {
			return List.of(parts[1]);
		}
		return heads.integratedCities().stream().filter(city -> city.startsWith(parts[0])).toList();
	}
}
