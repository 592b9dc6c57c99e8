import Hummingbird
import EmulatorCore
enum EmulatorServerModule {}
