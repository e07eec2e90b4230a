;; Legacy exception handling in start functions. An exception that escapes the start function
;; fails the instantiation; `assert_exception` on a module is our extension of the script
;; format (the wast crate parses it, wabt's wast2json does not), checked against V8 by hand.

;; A start function that throws: instantiation fails with the exception.
(assert_exception
  (module
    (tag $e)
    (func $start (throw $e))
    (start $start)))
