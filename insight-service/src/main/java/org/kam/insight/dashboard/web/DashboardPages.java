package org.kam.insight.dashboard.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard's address: its single page, served from {@code static/dashboard/}. */
@Controller
class DashboardPages {

    @GetMapping({ "/", "/dashboard" })
    String home() {
        return "redirect:/dashboard/";
    }

    @GetMapping("/dashboard/")
    String page() {
        return "forward:/dashboard/index.html";
    }
}
