import Crypto
import RefreshPlan
enum PlanGraphModule {}
