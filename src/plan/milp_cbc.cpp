// The exact planner: a MILP solved by COIN-OR CBC.
//
// Without a budget, months are aggregated into periods that end at each due month
// (and at the horizon): any assignment of jobs to periods within each operator's
// crew-months per period can be scheduled month by month with every due met, so the
// aggregation is exact and the model stays small (jobs x periods binaries). With a
// budget the model is time-indexed (one period per month) and each month's spend is
// capped, which needs the extra cost of a unit in the month of its job's visit.
//
// Variables: v[j][p] visit job j in period p (plus a "beyond the horizon" period for
// mandatory jobs, penalised); on[u] unit u counts for its group; short[g] weight a
// group misses at its due (penalised). Constraints: each mandatory job visited once,
// optional at most once; on[u] <= visits of its job by the group's due; per group
// sum(weight * on) + short >= need; per operator and period, visits <= crews * months.
// Objective: cost + kLatePenalty * (months late of each job by period end + shortfall).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <sstream>
#include <string>

#include "plan/cbc_library.hpp"
#include "plan/problem.hpp"

namespace ringfence::plan {

namespace {

class CbcModel {
 public:
  CbcModel() : m_(cbc().newModel()) {}
  ~CbcModel() { cbc().deleteModel(m_); }
  CbcModel(const CbcModel&) = delete;
  CbcModel& operator=(const CbcModel&) = delete;
  Cbc_Model* get() { return m_; }
  int add_col(double lb, double ub, double obj, bool integer) {
    // CBC keeps column names for MIP starts: every column gets a distinct one.
    const std::string name = "x" + std::to_string(cols_);
    cbc().addCol(m_, name.c_str(), lb, ub, obj, integer ? 1 : 0, 0, nullptr, nullptr);
    return cols_++;
  }
  void add_row(const std::vector<int>& cols, const std::vector<double>& coefs, char sense,
               double rhs) {
    const std::string name = "r" + std::to_string(rows_++);
    cbc().addRow(m_, name.c_str(), static_cast<int>(cols.size()), cols.data(), coefs.data(), sense,
                 rhs);
  }
  int cols() const { return cols_; }

 private:
  Cbc_Model* m_;
  int cols_ = 0;
  int rows_ = 0;
};

class CbcSolver final : public ExactSolver {
 public:
  ExactResult solve(const Problem& p, const Selection& start, double time_limit_s) override;
};

ExactResult CbcSolver::solve(const Problem& p, const Selection& start, double time_limit_s) {
  const bool budgeted = !std::isnan(p.budget);
  // Period ends (last month of each period), ascending; the beyond period is extra.
  std::vector<int> ends;
  if (budgeted) {
    for (int m = 0; m < p.months; ++m) ends.push_back(m);
  } else {
    std::set<int> cut;
    for (const Job& j : p.jobs)
      if (j.due != kNoDue && j.due < p.months) cut.insert(j.due);
    for (const CapGroup& g : p.groups)
      if (g.due < p.months) cut.insert(g.due);
    cut.insert(p.months - 1);
    ends.assign(cut.begin(), cut.end());
  }
  const int periods = static_cast<int>(ends.size());
  auto period_length = [&](int q) { return ends[q] - (q == 0 ? -1 : ends[q - 1]); };
  // The last period ending on or before a due month (-1: none).
  auto last_period_by = [&](int due) {
    int q = -1;
    for (int i = 0; i < periods; ++i)
      if (ends[i] <= due) q = i;
    return q;
  };

  CbcModel model;
  const std::size_t jobs = p.jobs.size();
  std::vector<std::vector<int>> v(jobs);  // per job: columns per period, then beyond
  const std::vector<int> no_group_due(jobs, kNoDue);
  for (std::size_t j = 0; j < jobs; ++j) {
    const Job& job = p.jobs[j];
    for (int q = 0; q < periods; ++q) {
      double obj = job.base_cost;
      if (job.due != kNoDue && ends[q] > job.due) obj += kLatePenalty * (ends[q] - job.due);
      v[j].push_back(model.add_col(0, 1, obj, true));
    }
    if (job.is_mandatory())
      v[j].push_back(model.add_col(
          0, 1, job.base_cost + kLatePenalty * (p.months - std::min(job.due, p.months) + 1), true));
  }
  std::vector<std::vector<int>> on(p.groups.size());
  std::vector<int> shortfall(p.groups.size());
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    for (const CapUnit& u : p.groups[g].units)
      on[g].push_back(model.add_col(0, 1, u.extra_cost, true));
    shortfall[g] = model.add_col(0, p.groups[g].need, kLatePenalty * (p.months + 1), false);
  }
  // Budget: the extra cost of a unit falls in the month of its job's visit.
  std::vector<std::vector<std::vector<int>>> unit_month;  // [g][u][m], budget only
  if (budgeted) {
    unit_month.resize(p.groups.size());
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
      unit_month[g].resize(p.groups[g].units.size());
      for (std::size_t u = 0; u < p.groups[g].units.size(); ++u) {
        if (p.groups[g].units[u].extra_cost <= 0) continue;
        for (int q = 0; q < periods; ++q) unit_month[g][u].push_back(model.add_col(0, 1, 0, false));
      }
    }
  }

  for (std::size_t j = 0; j < jobs; ++j) {
    std::vector<double> ones(v[j].size(), 1.0);
    model.add_row(v[j], ones, p.jobs[j].is_mandatory() ? 'E' : 'L', 1);
  }
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    const CapGroup& group = p.groups[g];
    const int by = last_period_by(group.due);
    std::vector<int> cols;
    std::vector<double> coefs;
    for (std::size_t u = 0; u < group.units.size(); ++u) {
      // on[u] <= sum of visits of its job in periods up to the group's due.
      std::vector<int> link{on[g][u]};
      std::vector<double> link_coefs{1.0};
      for (int q = 0; q <= by; ++q) {
        link.push_back(v[group.units[u].job][q]);
        link_coefs.push_back(-1.0);
      }
      model.add_row(link, link_coefs, 'L', 0);
      cols.push_back(on[g][u]);
      coefs.push_back(group.units[u].weight);
      if (budgeted && !unit_month[g][u].empty())
        for (int q = 0; q < periods; ++q) {
          // unit_month >= on + v[job][q] - 1
          model.add_row({unit_month[g][u][q], on[g][u], v[group.units[u].job][q]},
                        {1.0, -1.0, -1.0}, 'G', -1);
        }
    }
    cols.push_back(shortfall[g]);
    coefs.push_back(1.0);
    model.add_row(cols, coefs, 'G', group.need);
  }
  for (std::uint32_t op = 0; op < p.operators.size(); ++op)
    for (int q = 0; q < periods; ++q) {
      std::vector<int> cols;
      for (std::size_t j = 0; j < jobs; ++j)
        if (p.jobs[j].op == op) cols.push_back(v[j][q]);
      if (cols.empty()) continue;
      model.add_row(cols, std::vector<double>(cols.size(), 1.0), 'L',
                    static_cast<double>(p.crews[op]) * period_length(q));
    }
  if (budgeted)
    for (int q = 0; q < periods; ++q) {
      std::vector<int> cols;
      std::vector<double> coefs;
      for (std::size_t j = 0; j < jobs; ++j) {
        cols.push_back(v[j][q]);
        coefs.push_back(p.jobs[j].base_cost);
      }
      for (std::size_t g = 0; g < p.groups.size(); ++g)
        for (std::size_t u = 0; u < p.groups[g].units.size(); ++u)
          if (!unit_month[g][u].empty()) {
            cols.push_back(unit_month[g][u][q]);
            coefs.push_back(p.groups[g].units[u].extra_cost);
          }
      model.add_row(cols, coefs, 'L', p.budget);
    }

  // No MIP start: CBC 2.10's C interface fails resolving the start's columns
  // ("Illegal index in ClpModel::getColumnName") and abandons the solve. The caller
  // keeps the heuristic's plan when it is better, so the start is not needed for a
  // plan, only for speed.
  (void)start;
  cbc().setLogLevel(model.get(), 0);
  cbc().setMaximumSeconds(model.get(), time_limit_s);
  cbc().setAllowableFractionGap(model.get(), 1e-9);
  cbc().setAllowableGap(model.get(), 1e-6);
  const auto began = std::chrono::steady_clock::now();
  cbc().solve(model.get());
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();

  ExactResult result;
  const double* x = cbc().getColSolution(model.get());
  result.found = x != nullptr && cbc().numberSavedSolutions(model.get()) > 0;
  if (!result.found && x != nullptr && cbc().isProvenOptimal(model.get())) result.found = true;
  result.optimal = cbc().isProvenOptimal(model.get()) != 0;
  result.bound = cbc().getBestPossibleObjValue(model.get());
  // CBC does not always flag the limit when it stops on it before any solution.
  if (cbc().isSecondsLimitReached(model.get()) ||
      (!cbc().isProvenOptimal(model.get()) && took >= 0.9 * time_limit_s)) {
    std::ostringstream limit;
    limit << time_limit_s;
    result.note = "time limit of " + limit.str() + " s reached: best plan found so far";
  }
  if (!result.found) {
    result.note += result.note.empty() ? "CBC found no plan" : "; CBC found no plan";
    return result;
  }
  result.objective = cbc().getObjValue(model.get());
  if (result.optimal) result.bound = result.objective;
  Selection& s = result.selection;
  s.visit.assign(jobs, 0);
  for (std::size_t j = 0; j < jobs; ++j)
    for (int col : v[j])
      if (x[col] > 0.5) s.visit[j] = 1;
  s.unit_on.resize(p.groups.size());
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    s.unit_on[g].assign(p.groups[g].units.size(), 0);
    for (std::size_t u = 0; u < p.groups[g].units.size(); ++u)
      if (x[on[g][u]] > 0.5) s.unit_on[g][u] = 1;
  }
  return result;
}

}  // namespace

std::unique_ptr<ExactSolver> make_cbc_solver() {
  return std::make_unique<CbcSolver>();
}

}  // namespace ringfence::plan
