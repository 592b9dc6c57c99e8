/// The Luhn (mod 10) checksum that every payment card number carries in its last digit.
public enum Luhn {
    /// A digit doubled and reduced to one digit, by table.
    static let doubled = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]

    /// `digits` are values 0...9, most significant first.
    public static func isValid<C: Collection>(_ digits: C) -> Bool where C.Element == UInt8 {
        checksum(digits, doubleFromSecondLast: true) == 0
    }

    /// The scanner's path: an index loop over a buffer, no generic reversal.
    public static func isValid(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        var sum = 0
        var double = false
        var index = digits.count - 1
        while index >= 0 {
            var value = Int(digits[index])
            if double {
                value &*= 2
                if value > 9 { value -= 9 }
            }
            sum &+= value
            double.toggle()
            index -= 1
        }
        return sum % 10 == 0
    }

    /// The digit to append to `digits` so that the whole number passes the check.
    public static func checkDigit<C: Collection>(for digits: C) -> UInt8 where C.Element == UInt8 {
        let sum = checksum(digits, doubleFromSecondLast: false)
        return UInt8((10 - sum) % 10)
    }

    /// Sum mod 10, doubling every second digit from the right; which digit is "second" depends
    /// on whether a check digit is already present.
    private static func checksum<C: Collection>(_ digits: C, doubleFromSecondLast: Bool) -> Int where C.Element == UInt8 {
        var sum = 0
        var double = !doubleFromSecondLast
        for digit in digits.reversed() {
            var value = Int(digit)
            if double {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
            double.toggle()
        }
        return sum % 10
    }
}
