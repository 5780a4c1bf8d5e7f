# Reference results for the golden tests of the statistics engine, computed with R's survey
# package (Debian: r-cran-survey, r-cran-jsonlite). Reads data.csv and margins.json from the
# folder given as the only argument and writes reference.json there.
#
#   Rscript server/modules/study/analysis/golden/reference.R server/modules/study/analysis/golden
suppressMessages({
  library(survey)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args)) args[1] else "."

d <- read.csv(file.path(dir, "data.csv"), na.strings = "", colClasses = c(
  id = "integer", dw = "numeric", district = "character", sex = "character", age_band = "character",
  affected = "character", employment = "character"
))
for (v in c("district", "sex", "age_band", "affected", "employment")) d[[v]] <- factor(d[[v]], levels = sort(as.numeric(unique(na.omit(d[[v]])))))
margins <- fromJSON(file.path(dir, "margins.json"))
items <- c("item_01", "item_02", "item_03", "item_04", "item_05", "item_06", "hours")

# Population totals in the order of the model matrix of ~district + sex + age_band.
pop <- c("(Intercept)" = sum(unlist(margins$district)))
for (v in c("district", "sex", "age_band")) {
  lv <- levels(d[[v]])
  for (l in lv[-1]) pop[paste0(v, l)] <- margins[[v]][[l]]
}

des0 <- svydesign(ids = ~1, weights = ~dw, data = d)
cal <- calibrate(des0, ~ district + sex + age_band, population = pop, calfun = "raking", epsilon = 1e-14, maxit = 100)

# rake() iterates the post-stratification projections a fixed 10 times in svyrecvar; kept for
# the comparison in the README, not as the reference.
pm <- lapply(c("district", "sex", "age_band"), function(v) {
  df <- data.frame(names(margins[[v]]), unlist(margins[[v]]))
  names(df) <- c(v, "Freq")
  df
})
rk <- rake(des0, list(~district, ~sex, ~age_band), pm, control = list(maxit = 200, epsilon = 1e-13))

# Bounded raking: calibrate(calfun = "raking", bounds = …). grake() rescales the design weights
# by the mean ratio of population to sample totals when that exceeds 20 and applies the bounds
# after that; the engine's bounds are multiples of d · N / Σd, hence the conversion.
mm <- model.matrix(~ district + sex + age_band, d)
scales <- pop / colSums(mm * weights(des0))
rescale <- if (min(scales) > 20) mean(scales) else 1
ratio <- unname((pop[1] / sum(weights(des0))) / rescale)
bounded_designs <- lapply(list(c(0.3, 3), c(0.4, 2.5)), function(b) {
  list(bounds = b, design = suppressWarnings(calibrate(des0, ~ district + sex + age_band, population = pop, calfun = "raking",
                                                      bounds = b * ratio, epsilon = 1e-10, maxit = 500)))
})

mean_of <- function(design, v) {
  m <- svymean(as.formula(paste0("~", v)), design, na.rm = TRUE)
  ci <- confint(m)
  list(variable = v, estimate = unname(coef(m)), se = as.numeric(SE(m)), ciLow = ci[1, 1], ciHigh = ci[1, 2],
       n = sum(!is.na(d[[v]])))
}

share_of <- function(design, v) {
  m <- svymean(as.formula(paste0("~", v)), design, na.rm = TRUE)
  lapply(levels(d[[v]]), function(l) {
    p <- svyciprop(as.formula(paste0("~I(", v, "=='", l, "')")), design, method = "logit", na.rm = TRUE)
    ci <- attr(p, "ci")
    list(variable = v, level = l, estimate = unname(coef(m)[paste0(v, l)]), se = unname(SE(m)[paste0(v, l)]),
         svycipropEstimate = unname(p[1]), svycipropSe = unname(sqrt(attr(p, "var")[1])),
         ciLow = unname(ci[1]), ciHigh = unname(ci[2]), n = sum(!is.na(d[[v]])))
  })
}

by_mean <- function(design, v, g) {
  b <- svyby(as.formula(paste0("~", v)), as.formula(paste0("~", g)), design, svymean, na.rm = TRUE)
  lapply(seq_len(nrow(b)), function(i) {
    grp <- as.character(b[[g]][i])
    list(group = grp, variable = v, estimate = b[[v]][i], se = b$se[i],
         n = sum(!is.na(d[[v]]) & !is.na(d[[g]]) & as.character(d[[g]]) == grp))
  })
}

by_share <- function(design, v, g) {
  unlist(lapply(levels(d[[v]]), function(l) {
    b <- svyby(as.formula(paste0("~I(", v, "=='", l, "')")), as.formula(paste0("~", g)), design, svyciprop,
               method = "logit", vartype = c("se", "ci"), na.rm = TRUE)
    lapply(seq_len(nrow(b)), function(i) {
      grp <- as.character(b[[g]][i])
      list(group = grp, variable = v, level = l, estimate = unname(b[i, 2]), se = b$se[i], ciLow = b$ci_l[i], ciHigh = b$ci_u[i],
           n = sum(!is.na(d[[v]]) & !is.na(d[[g]]) & as.character(d[[g]]) == grp))
    })
  }), recursive = FALSE)
}

chisq_of <- function(design, a, b) {
  t <- svychisq(as.formula(paste0("~", a, "+", b)), design, statistic = "Chisq")
  list(rows = a, cols = b, statistic = unname(t$statistic), df = unname(t$parameter), p = unname(t$p.value))
}

# Scale index: item_01..item_05, item_03 and item_05 reverse-coded on 1..5, at least 3 answers.
scale_items <- c("item_01", "item_02", "item_03", "item_04", "item_05")
reverse <- c(FALSE, FALSE, TRUE, FALSE, TRUE)
coded <- sapply(seq_along(scale_items), function(k) if (reverse[k]) 6 - d[[scale_items[k]]] else d[[scale_items[k]]])
answered <- rowSums(!is.na(coded))
idx <- ifelse(answered >= 3, rowMeans(coded, na.rm = TRUE), NA)
cal$variables$idx <- idx
complete <- coded[complete.cases(coded), ]
k <- ncol(complete)
alpha <- k / (k - 1) * (1 - sum(apply(complete, 2, var)) / var(rowSums(complete)))

distribution <- list(
  qt = lapply(c(1, 2, 3, 7, 30, 399, 1999), function(df) list(p = 0.975, df = df, value = qt(0.975, df))),
  qnorm = lapply(c(0.975, 0.995, 0.001), function(p) list(p = p, value = qnorm(p))),
  pchisq = lapply(list(c(3.84, 1), c(12.3, 6), c(45.1, 18), c(0.7, 3)), function(a) list(x = a[1], df = a[2], value = pchisq(a[1], a[2], lower.tail = FALSE)))
)

out <- list(
  survey = as.character(packageVersion("survey")),
  r = R.version.string,
  rows = nrow(d),
  weights = unname(weights(cal)),
  weightsSum = sum(weights(cal)),
  calibrated = list(
    means = lapply(items, function(v) mean_of(cal, v)),
    shares = share_of(cal, "affected"),
    by = c(unlist(lapply(items, function(v) by_mean(cal, v, "district")), recursive = FALSE)),
    byShares = by_share(cal, "affected", "district"),
    chisq = list(chisq_of(cal, "affected", "employment"), chisq_of(cal, "district", "affected")),
    index = list(estimate = unname(coef(svymean(~idx, cal, na.rm = TRUE))), se = as.numeric(SE(svymean(~idx, cal, na.rm = TRUE))), n = sum(!is.na(idx)))
  ),
  bounded = lapply(bounded_designs, function(x) list(lower = x$bounds[1], upper = x$bounds[2], weights = unname(weights(x$design)),
                                                   means = lapply(items, function(v) mean_of(x$design, v)))),
  rake = list(means = lapply(items, function(v) mean_of(rk, v)), weights = unname(weights(rk))),
  design = list(
    means = lapply(items, function(v) mean_of(des0, v)),
    shares = share_of(des0, "affected"),
    by = c(unlist(lapply(items, function(v) by_mean(des0, v, "district")), recursive = FALSE)),
    chisq = list(chisq_of(des0, "affected", "employment"))
  ),
  scale = list(items = scale_items, reverse = reverse, minAnswered = 3, index = idx, alpha = alpha, alphaN = nrow(complete)),
  distribution = distribution
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = FALSE), file.path(dir, "reference.json"))
cat("reference.json geschrieben\n")
